import Foundation
import NetReadyPosix
import Synchronization

/// What `netready serve` exposes between runs: the last finished report's metrics (the same
/// series as `--format prometheus`) plus the agent's own counters, so a dashboard can tell a
/// stale agent from a healthy one.
package final class AgentMetrics: Sendable {
    private struct State {
        var lastReport: String?
        var runs = 0
        var lastRunFinished: Date?
        var lastRunDurationSeconds = 0.0
        var running = false
    }

    private let state = Mutex(State())
    private let intervalSeconds: Double

    package init(interval: Duration) {
        intervalSeconds = interval.seconds
    }

    /// Marks a run as started.
    package func runStarted() { state.withLock { $0.running = true } }

    /// Stores a finished run's exposition text.
    package func runFinished(_ report: Report, exposition: String) {
        state.withLock {
            $0.lastReport = exposition
            $0.runs += 1
            $0.lastRunFinished = report.finishedAt
            $0.lastRunDurationSeconds = report.durationMs / 1000
            $0.running = false
        }
    }

    /// The text a scrape returns.
    package func exposition() -> String {
        let snapshot = state.withLock { $0 }
        var out = snapshot.lastReport ?? ""
        func series(_ name: String, _ type: String, _ help: String, _ value: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        series("netready_agent_runs_total", "counter", "Runs finished since the agent started.", "\(snapshot.runs)")
        series(
            "netready_agent_last_run_timestamp_seconds", "gauge", "When the last run finished (Unix time).",
            "\(snapshot.lastRunFinished?.timeIntervalSince1970 ?? 0)")
        series(
            "netready_agent_run_in_progress", "gauge", "Whether a run is going on now.", snapshot.running ? "1" : "0")
        series(
            "netready_agent_interval_seconds", "gauge", "Time between the starts of two runs.", "\(intervalSeconds)")
        return out
    }
}
