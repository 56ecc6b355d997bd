/// The counts and verdict of a run: SPEC's `summary`.
public struct Summary: Codable, Sendable {
    public var verdict: Verdict
    public var targets: Int
    public var probes: Int
    public var passed: Int
    public var failed: Int
    public var warned: Int
    public var skipped: Int
    public var errors: Int
    public var blockedRequired: [BlockedDestination]

    enum CodingKeys: String, CodingKey {
        case verdict, targets, probes, passed, failed, warned, skipped, errors
        case blockedRequired = "blocked_required"
    }

    /// Counts the probes and decides the verdict.
    ///
    /// A required probe that failed or could not run makes the run `not_ready`; so does a required probe
    /// that never ran because the run was cut short (`incomplete`: Ctrl-C, SIGTERM, `--deadline`).
    /// Anything else short of a pass (a warning, a skipped check, a failed optional probe) makes it
    /// `degraded`. The exit code is read from this verdict alone, so the two never disagree.
    public init(targets results: [TargetResult], incomplete: Bool = false) {
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
    private static func blocks(_ probe: ProbeResult, incomplete: Bool) -> Bool {
        switch probe.status {
        case .fail, .error: true
        case .skip: incomplete
        case .pass, .warn: false
        }
    }
}

/// A required probe that failed: what support reads first.
public struct BlockedDestination: Codable, Sendable {
    public var target: String
    public var uri: String
    public var reason: Reason?
    public var message: String
}
