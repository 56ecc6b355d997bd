import Foundation
import Logging
import NetReady

/// One run of the targets, with egress discovery alongside the probes: what `check` does once and
/// `serve` does every interval, so both report the same things.
struct CheckExecution {
    let plan: Plan
    let options: RunOptions
    let dns: DNSSettings

    /// Runs every probe until done or `stop` fires, then builds the report.
    ///
    /// - Parameters:
    ///   - egress: a fresh egress run (it collects this run's observations).
    ///   - onResult: called as each probe finishes (for streamed output).
    func run(
        egress: EgressRun, stop: StopSignal, redaction: ReportRedaction?,
        onResult: @escaping @Sendable (PlannedProbe, ProbeResult) -> Void = { _, _ in }
    ) async -> Report {
        let started = Date()
        let runner = Runner(
            resolver: DNSHostResolver(settings: dns), options: options, logger: Logger(label: "netready"))
        let outcome = await runner.run(plan, stop: stop, alongside: egress.discover, onResult: onResult)
        return ReportBuilder.build(
            plan: plan, outcome: outcome, options: options, startedAt: started, finishedAt: Date(), redaction: redaction,
            egress: egress)
    }
}
