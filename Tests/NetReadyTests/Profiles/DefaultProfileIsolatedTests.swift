import Foundation
import NetReadyTestSupport
import Testing

/// `netready check` with no arguments (the default profile, which names public hosts) inside a namespace with no
/// route out: nothing leaves the machine, the run ends within the default run's 15 s budget, and the requirements
/// block says every row is not measured, and why.
@Suite(.timeLimit(.minutes(2))) struct DefaultProfileIsolatedTests {
    @Test func withNoRouteOutEveryRequirementIsNotMeasuredWithAReason() async throws {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return
        }
        // ip(8) calls block: not on the cooperative pool.
        let namespace = try await onOwnThread { try BlackholeNamespace() }
        let start = ContinuousClock.now
        let output = try await NetReadyBinary.run(["check", "--format", "json"], prefix: namespace.execPrefix)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(15), "the default run took \(elapsed)")
        let report = try output.json()
        let rows = try #require(report["requirements"] as? [[String: Any]], "\(output.stderr)")
        #expect(
            rows.map { $0["name"] as? String ?? "" } == [
                "Salesforce login: egress address stable across connections",
                "Browser calling (WebRTC): RTT < 200 ms", "Browser calling (WebRTC): jitter < 30 ms",
                "Browser calling (WebRTC): bandwidth ≥ 100 kbps",
            ])
        for row in rows {
            #expect(row["status"] as? String == "not_measured", "\(row)")
            #expect((row["why"] as? String)?.hasPrefix("not measured: ") == true, "\(row)")
            #expect((row["source"] as? String)?.isEmpty == false, "\(row)")
        }
        #expect(
            (rows.last?["why"] as? String)?.contains("needs netready responder or TURN credentials") == true)
    }
}
