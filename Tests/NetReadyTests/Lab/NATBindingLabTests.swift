import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `udp://...?binding-lifetime=` against `netready responder` in nr-far with the router's conntrack UDP
    /// timeouts at 30 s: the bounds contain 30 s, 15 s apart, and the result is `nat.binding`; at 300 s (RFC 4787's
    /// recommendation) no warning up to 150 s — a test of about two and a half minutes.
    @Suite(.timeLimit(.minutes(5))) struct NATBindingLabTests {
        @Test func aThirtySecondConntrackTimeoutIsMeasuredAndNamed() async throws {
            let (probe, runMs) = try await Self.measure(port: 5006, lifetime: "60s", conntrackSeconds: 30)
            let message = probe["message"] as? String ?? ""
            #expect(probe["status"] as? String == "warn", "\(message)")
            #expect(probe["reason"] as? String == "nat.binding", "\(message)")
            #expect(message.contains("RFC 4787"), "\(message)")
            #expect(message.contains("keep-alives at least every"), "\(message)")
            let bounds = try #require((probe["details"] as? [String: Any])?["nat_binding"] as? [String: Any])
            let lower = try #require(bounds["lower_s"] as? Int)
            let upper = try #require(bounds["upper_s"] as? Int)
            #expect(lower <= 30 && 30 <= upper, "\(bounds)")
            #expect(upper - lower <= 15, "\(bounds)")
            // All candidates (15, 30, 45, 60 s) run at once: the run takes about the longest idle time, well under
            // their sum (150 s), which candidates run one after another would take at least.
            #expect(runMs < 150_000, "the run took \(runMs) ms")
        }

        @Test func aFiveMinuteConntrackTimeoutPassesUpTo150Seconds() async throws {
            let (probe, _) = try await Self.measure(port: 5007, lifetime: "150s", conntrackSeconds: 300)
            let message = probe["message"] as? String ?? ""
            #expect(probe["status"] as? String == "pass", "\(message)")
            #expect(probe["reason"] is NSNull, "\(message)")
            let bounds = try #require((probe["details"] as? [String: Any])?["nat_binding"] as? [String: Any])
            // Every candidate up to the longest asked survived: the lifetime is at least 150 s, its upper end unknown.
            #expect(bounds["lower_s"] as? Int == 150, "\(bounds)")
            #expect(bounds["upper_s"] is NSNull, "\(bounds)")
        }

        /// Runs `udp://198.18.0.49:PORT?binding-lifetime=LIFETIME` against a responder in nr-far with the router's
        /// conntrack UDP timeouts at `conntrackSeconds` (restored to Linux's defaults after); the probe's JSON and
        /// the run's own `duration_ms`.
        private static func measure(
            port: Int, lifetime: String, conntrackSeconds: Int
        ) async throws -> (probe: [String: Any], runMs: Double) {
            try await Lab.ensureUp()
            let responder = try ResponderProcess(
                ["--listen", "198.18.0.49:\(port)", "--allow", "198.18.0.0/24"], namespace: "nr-far")
            let uri = "udp://198.18.0.49:\(port)?binding-lifetime=\(lifetime)"
            let outcome: Result<NetReadyBinary.Output, any Error>
            do {
                _ = try await responder.waitFor("responder listening")
                outcome = .success(
                    try await Lab.with(["udp-timeout", "\(conntrackSeconds)"], restoring: ["udp-timeout", "default"]) {
                        try await Lab.netready(
                            ["check", uri, "--format", "json", "--samples", "1", "--timeout", "2s"],
                            timeoutSeconds: 260)
                    })
            } catch {
                outcome = .failure(error)
            }
            try await responder.stop()
            let output = try outcome.get()
            let probe = try #require(try ReportProbes(output)[uri], "\(output.stdout)\(output.stderr)")
            let runMs = (try output.json()["duration_ms"] as? NSNumber)?.doubleValue ?? .infinity
            return (probe, runMs)
        }
    }
}
