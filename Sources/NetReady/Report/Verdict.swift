/// The one-word answer for a whole run, and what the exit code is made of.
package enum Verdict: String, Codable, Sendable {
    /// Every probe passed.
    case ready
    /// Every required probe passed, but something warned, was skipped, or an optional probe failed.
    case degraded
    /// A required probe failed or could not be run.
    case notReady = "not_ready"

    /// Exit code per SPEC: 0 for ready or degraded, 1 for not ready.
    package var exitCode: Int32 { self == .notReady ? 1 : 0 }
}
