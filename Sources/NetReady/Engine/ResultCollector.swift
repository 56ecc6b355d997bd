import Synchronization

/// Holds results as probes finish; once sealed (the grace period after a stop is over), late
/// results are refused, since a probe cancelled mid-attempt would otherwise report a false timeout.
final class ResultCollector: Sendable {
    private let state: Mutex<(results: [ProbeResult?], sealed: Bool)>

    init(count: Int) {
        state = Mutex(([ProbeResult?](repeating: nil, count: count), false))
    }

    /// Keeps `result` unless the collector is sealed; returns whether it was kept.
    func record(_ result: ProbeResult, for id: Int) -> Bool {
        state.withLock { state in
            guard !state.sealed else { return false }
            state.results[id] = result
            return true
        }
    }

    /// Refuses every later result.
    func seal() { state.withLock { $0.sealed = true } }

    var results: [ProbeResult?] { state.withLock { $0.results } }
}
