/// The counts and verdict of a run: SPEC's `summary`.
package struct Summary: Codable, Sendable {
    package var verdict: Verdict
    package var targets: Int
    package var probes: Int
    package var passed: Int
    package var failed: Int
    package var warned: Int
    package var skipped: Int
    package var errors: Int
    package var blockedRequired: [BlockedDestination]

    enum CodingKeys: String, CodingKey {
        case verdict, targets, probes, passed, failed, warned, skipped, errors
        case blockedRequired = "blocked_required"
    }

    /// Counts the probes and decides the verdict.
    ///
    /// A required probe that failed or could not run makes the run `not_ready`; anything else short
    /// of a pass (a warning, a skipped check, a failed optional probe) makes it `degraded`.
    package init(targets results: [TargetResult]) {
        let all = results.flatMap(\.probes)
        targets = results.count
        probes = all.count
        passed = all.count { $0.status == .pass }
        failed = all.count { $0.status == .fail }
        warned = all.count { $0.status == .warn }
        skipped = all.count { $0.status == .skip }
        errors = all.count { $0.status == .error }
        blockedRequired = results.filter(\.required).flatMap { target in
            target.probes.filter { $0.status == .fail || $0.status == .error }.map {
                BlockedDestination(target: target.name, uri: $0.uri, reason: $0.reason, message: $0.message)
            }
        }
        if !blockedRequired.isEmpty {
            verdict = .notReady
        } else if passed == probes {
            verdict = .ready
        } else {
            verdict = .degraded
        }
    }
}

/// A required probe that failed: what support reads first.
package struct BlockedDestination: Codable, Sendable {
    package var target: String
    package var uri: String
    package var reason: Reason?
    package var message: String
}
