import ArgumentParser
import Dispatch
import Foundation
import Logging
import NetReady
import NetReadyPosix

/// `netready check`: probes every destination of the targets and reports what is blocked and how.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Probe the targets and report what is blocked and how (the main job).",
        discussion: """
            TARGET is a target file, a directory of them, a shipped profile name, or a probe URI \
            (tcp://host:443). With no TARGET the built-in profile 'playbooks' runs.
            """
    )

    @Argument(help: "Target files, directories, profile names or probe URIs.")
    var targets: [String] = []

    @OptionGroup var probing: ProbingOptions
    @OptionGroup var egress: EgressOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try probing.validate()
        try egress.validate()
        try output.validate()
    }

    func run() async throws {
        Diagnostics.bootstrap(verbose: output.verbose, redaction: output.redaction)
        let files = try TargetArguments.load(targets)
        var options = try probing.runOptions()
        let dns = try probing.dnsSettings(files: files)
        options.dns = dns
        let meter = AttemptMeter()
        options.attemptMeter = meter
        let egressRun = try egress.egressRun(files: files)
        let plan = Plan(files: files, options: options)
        if plan.probes.isEmpty {
            throw CommandFailure.usage(
                "netready: no probes to run" + (options.tags.isEmpty ? "" : " with tags \(options.tags)"))
        }
        _ = ResourceLimits.raiseOpenFileLimit()

        let stop = StopSignal()
        let signals = SignalTrap(stop: stop)
        let sink = try ResultSink(output: output, plan: plan, meter: meter)

        let execution = CheckExecution(plan: plan, options: options, dns: dns)
        let report = await execution.run(egress: egressRun, stop: stop, redaction: output.redaction) { probe, result in
            sink.finished(probe, result)
        }
        try sink.complete(report)
        signals.cancel()

        if let signal = signals.caught { throw ExitCode(128 + signal) }
        // One rule for the summary's verdict and the exit code: a required probe that failed, or never
        // ran because the run was cut short, is not ready; an unfinished optional probe is degraded.
        if report.summary.verdict.exitCode != 0 { throw ExitCode(report.summary.verdict.exitCode) }
    }
}

/// Turns SIGINT and SIGTERM into a graceful stop: no new probes, a short grace, then the report.
/// A second signal ends the process at once.
final class SignalTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var caughtSignal: Int32?

    init(stop: StopSignal) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let first = self.lock.withLock { () -> Bool in
                    defer { if self.caughtSignal == nil { self.caughtSignal = number } }
                    return self.caughtSignal == nil
                }
                guard first else { exit(128 + number) }
                stop.trigger("interrupted by \(name)")
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal caught, if any.
    var caught: Int32? { lock.withLock { caughtSignal } }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
