import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `udp://...?binding-lifetime=` against `netready responder` in nr-far with the router's conntrack UDP
    /// timeouts at 30 s: the bounds contain 30 s, 15 s apart, and the result is `nat.binding`; at 300 s (RFC 4787's
    /// recommendation) no warning up to 150 s — a test of about two and a half minutes.
    @Suite(.timeLimit(.minutes(5))) struct NATBindingLabTests {
        @Test func aThirtySecondConntrackTimeoutIsMeasuredAndNamed() async throws {
            try await Lab.ensureUp()
            let responder = try ResponderProcess(
                ["--listen", "198.18.0.49:5006", "--allow", "198.18.0.0/24"], namespace: "nr-far")
            let uri = "udp://198.18.0.49:5006?binding-lifetime=60s"
            let started = ContinuousClock.now
            let outcome: Result<NetReadyBinary.Output, any Error>
            do {
                _ = try await responder.waitFor("responder listening")
                outcome = .success(
                    try await Lab.with(["udp-timeout", "30"], restoring: ["udp-timeout", "default"]) {
                        try await Lab.netready(
                            ["check", uri, "--format", "json", "--samples", "1", "--timeout", "2s"],
                            timeoutSeconds: 240)
                    })
            } catch {
                outcome = .failure(error)
            }
            try await responder.stop()
            let output = try outcome.get()
            let probe = try #require(try ReportProbes(output)[uri], "\(output.stdout)\(output.stderr)")
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
            // All candidates run at once: the measurement takes the longest idle time, not their sum.
            #expect(ContinuousClock.now - started < .seconds(200))
        }

        @Test func aFiveMinuteConntrackTimeoutPassesUpTo150Seconds() async throws {
            try await Lab.ensureUp()
            let responder = try ResponderProcess(
                ["--listen", "198.18.0.49:5007", "--allow", "198.18.0.0/24"], namespace: "nr-far")
            let uri = "udp://198.18.0.49:5007?binding-lifetime=150s"
            let outcome: Result<NetReadyBinary.Output, any Error>
            do {
                _ = try await responder.waitFor("responder listening")
                outcome = .success(
                    try await Lab.with(["udp-timeout", "300"], restoring: ["udp-timeout", "default"]) {
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
            let message = probe["message"] as? String ?? ""
            #expect(probe["status"] as? String == "pass", "\(message)")
            #expect(probe["reason"] is NSNull, "\(message)")
            let bounds = try #require((probe["details"] as? [String: Any])?["nat_binding"] as? [String: Any])
            // Every candidate up to the longest asked survived: the lifetime is at least 150 s, its upper end unknown.
            #expect(bounds["lower_s"] as? Int == 150, "\(bounds)")
            #expect(bounds["upper_s"] is NSNull, "\(bounds)")
        }
    }
}
