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
    /// Causes shared by many failed probes, each said once; nil (left out) when there is none.
    package var rootCauses: [RootCause]?

    enum CodingKeys: String, CodingKey {
        case verdict, targets, probes, passed, failed, warned, skipped, errors
        case blockedRequired = "blocked_required"
        case rootCauses = "root_causes"
    }

    /// Counts the probes and decides the verdict.
    ///
    /// A required probe that failed or could not run makes the run `not_ready`; so does a required probe
    /// that never ran because the run was cut short (`incomplete`: Ctrl-C, SIGTERM, `--deadline`).
    /// Anything else short of a pass (a warning, a skipped check, a failed optional probe) makes it
    /// `degraded`. The exit code is read from this verdict alone, so the two never disagree.
    package init(targets results: [TargetResult], incomplete: Bool = false) {
        let all = results.flatMap(\.probes)
        targets = results.count
        probes = all.count
        passed = all.count { $0.status == .pass }
        failed = all.count { $0.status == .fail }
        warned = all.count { $0.status == .warn }
        skipped = all.count { $0.status == .skip }
        errors = all.count { $0.status == .error }
        blockedRequired = results.filter(\.required).flatMap { target in
            target.probes.filter { Self.blocks($0, incomplete: incomplete) }.map {
                BlockedDestination(target: target.name, uri: $0.uri, reason: $0.reason, message: $0.message)
            }
        }
        let causes = RootCause.find(in: all)
        rootCauses = causes.isEmpty ? nil : causes
        if !blockedRequired.isEmpty {
            verdict = .notReady
        } else if passed == probes {
            verdict = .ready
        } else {
            verdict = .degraded
        }
    }

    /// Whether a required probe's result keeps the run from being ready: it failed, it could not run,
    /// or it was skipped because the run stopped before it.
    /// Lets the requirement rows change the verdict: a failed row over required probes makes the run not ready,
    /// over optional ones degraded; `not_measured` changes nothing.
    package mutating func apply(_ requirements: [RequirementRow]) {
        let failed = requirements.filter { $0.status == .fail }
        if failed.contains(where: \.coversRequired) {
            verdict = .notReady
        } else if !failed.isEmpty, verdict == .ready {
            verdict = .degraded
        }
    }

    private static func blocks(_ probe: ProbeResult, incomplete: Bool) -> Bool {
        switch probe.status {
        case .fail, .error: true
        case .skip: incomplete
        case .pass, .warn: false
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
