import Foundation
import NetReadyTestSupport
import Testing

/// A run cut short by `--deadline` must say `not_ready` in its summary when a required probe never
/// finished, and exit 1: the verdict and the exit code come from one rule.
@Suite(.timeLimit(.minutes(2))) struct CutShortRunVerdictTests {
    @Test func aRequiredProbeLeftUnfinishedByTheDeadlineIsNotReady() async throws {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return
        }
        // ip(8) calls block: not on the cooperative pool.
        let namespace = try await onOwnThread { try BlackholeNamespace() }
        let silent = "tcp://\(namespace.silentAddress(1)):443"
        let output = try await NetReadyBinary.run(
            [
                "check", silent, "--timeout", "30s", "--deadline", "1s", "--samples", "1", "--no-trace-blocked",
                "--format", "json",
            ], prefix: namespace.execPrefix)
        #expect(output.status == 1, "stderr: \(output.stderr)")
        let report = try output.json()
        #expect(report["incomplete"] as? Bool == true)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["verdict"] as? String == "not_ready")
        let blocked = try #require(summary["blocked_required"] as? [[String: Any]])
        #expect(blocked.map { $0["uri"] as? String } == [silent])
    }
}
