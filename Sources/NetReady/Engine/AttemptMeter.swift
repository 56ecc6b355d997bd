import Synchronization

/// Counts network attempts as they end, for a progress line that moves during a 5,000-port range instead
/// of waiting for whole probes. Every attempt takes a budget slot, so releasing a slot is an attempt ended.
package final class AttemptMeter: Sendable {
    private let ended = Atomic<Int>(0)

    package init() {}

    /// Attempts ended so far.
    package var count: Int { ended.load(ordering: .relaxed) }

    func attemptEnded() { ended.add(1, ordering: .relaxed) }

    /// About how many attempts a plan makes, so an ETA can be guessed from the pace so far: a port range one
    /// per port, any other probe its samples (one address each: a name with several addresses makes more).
    package static func expectedAttempts(_ plan: Plan) -> Int {
        plan.probes.reduce(0) { total, probe in
            let ports = probe.uri.ports?.count ?? 1
            return total + (ports > 1 ? ports : probe.samples)
        }
    }
}
