import Foundation
import Logging
import NetReady
import Synchronization

/// The agent's run loop: one run per interval, never two at once. A run that takes longer than
/// the interval is followed by the next at once and counted in `netready_agent_overruns_total`.
/// Each run takes the targets current when it starts, so a SIGHUP reload applies from the next run.
struct AgentLoop: Sendable {
    let targets: CurrentTargets
    let period: Duration
    let metrics: AgentMetrics
    let logger: Logger
    /// Called after each published run (the remote-write push).
    var onRunFinished: @Sendable (Report) -> Void = { _ in }
    /// Stop the agent after this many published runs (`--runs`); nil runs until a signal.
    var maxRuns: Int?

    /// Runs until `stop` fires; the run in progress is told to stop too (it finishes what it can
    /// within the runner's grace period and is not published).
    func run(until stop: StopSignal) async {
        let currentRun = CurrentRun()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { if let reason = await stop.wait() { currentRun.stop(because: reason) } }
            group.addTask { await loop(stop: stop, currentRun: currentRun) }
            await group.next()
            group.cancelAll()
        }
    }

    private func loop(stop: StopSignal, currentRun: CurrentRun) async {
        while stop.reason == nil {
            let next = ContinuousClock.now + period
            let current = targets.targets
            metrics.runStarted()
            // Each run has its own stop signal (the runner fires it when done); the agent's stop
            // is passed on to the run in progress.
            let runStop = StopSignal()
            currentRun.start(runStop, alreadyStopped: stop.reason)
            let report = await current.execution.run(egress: current.makeEgressRun(), stop: runStop, redaction: nil)
            currentRun.finish()
            // A run cut short by the agent stopping is not published: its skips are not results.
            if report.incomplete {
                metrics.runAbandoned()
            } else {
                metrics.runFinished(report)
                onRunFinished(report)
                if let maxRuns, metrics.runs >= maxRuns { stop.trigger("--runs \(maxRuns) finished") }
            }
            if ContinuousClock.now > next, stop.reason == nil {
                metrics.runOverran()
                logger.warning(
                    "run took longer than the interval; the next starts now",
                    metadata: ["duration_ms": "\(report.durationMs)", "interval": "\(period)"])
                continue
            }
            await withTaskGroup(of: Void.self) { wait in
                wait.addTask { try? await Task.sleep(until: next, clock: .continuous) }
                wait.addTask { _ = await stop.wait() }
                await wait.next()
                wait.cancelAll()
            }
        }
    }
}

/// The stop signal of the run in progress, so the agent's SIGTERM reaches it.
private final class CurrentRun: Sendable {
    private let signal = Mutex<StopSignal?>(nil)

    func start(_ run: StopSignal, alreadyStopped reason: String?) {
        signal.withLock { $0 = run }
        if let reason { run.trigger(reason) }
    }

    func finish() { signal.withLock { $0 = nil } }

    func stop(because reason: String) { signal.withLock { $0 }?.trigger(reason) }
}
