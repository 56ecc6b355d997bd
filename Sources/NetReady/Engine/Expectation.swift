/// Applies a probe's `expect:` to what the prober observed.
///
/// With `expect: blocked` (a port that must stay closed), a failure to reach is the pass and
/// getting through is the failure (`expect.reachable`). What was observed stays in `details`.
enum Expectation {
    static func apply(_ expectation: ProbeExpectation, to observed: ProbeResult) -> ProbeResult {
        guard expectation == .blocked else { return observed }
        var result = observed
        result.expect = ProbeExpectation.blocked.rawValue
        switch observed.status {
        case .fail:
            result.status = .pass
            result.reason = nil
            result.observations.observedReason = observed.reason
            result.message = "blocked, as expected: \(observed.message)"
        case .pass, .warn:
            result.status = .fail
            result.reason = .expectReachable
            result.message = "reachable, but expected blocked: \(observed.message)"
        case .skip, .error:
            break
        }
        return result
    }
}
