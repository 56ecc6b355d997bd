import Foundation
import Synchronization

/// What `netready serve` exposes between runs: the last finished report's metrics (the same
/// series as `--format prometheus`, with latency histograms added up over runs) plus the agent's
/// own series, so a dashboard can tell a stale or misconfigured agent from a healthy one.
package final class AgentMetrics: Sendable {
    private struct State {
        var lastReport: Report?
        var latency = LatencyTotals()
        var runs = 0
        var overruns = 0
        var lastRunFinished: Date?
        var running = false
        var reloadSucceeded = true
        var lastReload: Date?
    }

    private let state = Mutex(State())
    private let intervalSeconds: Double
    /// Families of other parts of the agent (remote-write), written after the agent's own.
    private let extraFamilies: @Sendable (inout ExpositionWriter) -> Void

    package init(interval: Duration, extraFamilies: @escaping @Sendable (inout ExpositionWriter) -> Void = { _ in }) {
        self.extraFamilies = extraFamilies
        intervalSeconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
    }

    /// Marks a run as started.
    package func runStarted() { state.withLock { $0.running = true } }

    /// Stores a finished run's report and adds its latency samples.
    package func runFinished(_ report: Report) {
        state.withLock {
            $0.lastReport = report
            $0.latency.add(report)
            $0.runs += 1
            $0.lastRunFinished = report.finishedAt
            $0.running = false
        }
    }

    /// A run that was cut short and not published.
    package func runAbandoned() { state.withLock { $0.running = false } }

    /// A run took longer than the interval: the next one starts late.
    package func runOverran() { state.withLock { $0.overruns += 1 } }

    /// The outcome of a SIGHUP reload of the target files.
    package func configReloaded(succeeded: Bool, at date: Date = Date()) {
        state.withLock {
            $0.reloadSucceeded = succeeded
            $0.lastReload = date
        }
    }

    /// The last finished run's report; nil until the first run finished.
    package var lastReport: Report? { state.withLock { $0.lastReport } }

    /// Runs finished since start-up.
    package var runs: Int { state.withLock { $0.runs } }

    /// The text a scrape returns.
    package func exposition() -> String { written().text }

    /// The samples a scrape would return now, as values (what the agent pushes after each run).
    package func samples() -> [ExpositionWriter.Sample] { written().samples }

    private func written() -> ExpositionWriter {
        let snapshot = state.withLock { $0 }
        var out = ExpositionWriter()
        if let report = snapshot.lastReport { PrometheusRenderer().write(report, latency: snapshot.latency, into: &out) }
        func series(_ name: String, _ type: String, _ help: String, _ value: Double) {
            out.family(name, type, help)
            out.sample(name, [], value)
        }
        series("netready_agent_runs_total", "counter", "Runs finished since the agent started.", Double(snapshot.runs))
        series(
            "netready_agent_overruns_total", "counter",
            "Runs that took longer than the interval (the next run started late, never overlapping).",
            Double(snapshot.overruns))
        series(
            "netready_agent_last_run_timestamp_seconds", "gauge", "When the last run finished (Unix time).",
            snapshot.lastRunFinished?.timeIntervalSince1970 ?? 0)
        series("netready_agent_run_in_progress", "gauge", "Whether a run is going on now.", snapshot.running ? 1 : 0)
        series("netready_agent_interval_seconds", "gauge", "Time between the starts of two runs.", intervalSeconds)
        series(
            "netready_agent_config_reload_success", "gauge",
            "Whether the last reload of the target files (SIGHUP) succeeded; 0 keeps the previous targets.",
            snapshot.reloadSucceeded ? 1 : 0)
        series(
            "netready_agent_config_reload_timestamp_seconds", "gauge",
            "When the target files were last reloaded (Unix time; 0 before any SIGHUP).",
            snapshot.lastReload?.timeIntervalSince1970 ?? 0)
        extraFamilies(&out)
        return out
    }
}
