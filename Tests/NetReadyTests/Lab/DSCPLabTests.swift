import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `dscp=` against `netready responder` in nr-far while the router re-marks one port's UDP to DSCP 0
    /// (iptables mangle `DSCP --set-dscp 0`): `media.dscp` on that port, a pass on the untouched one.
    @Suite(.timeLimit(.minutes(5))) struct DSCPLabTests {
        static let address = "198.18.0.49"

        static func dscp(_ probe: [String: Any]?) -> [String: Any] {
            ((probe?["details"] as? [String: Any])?["media"] as? [String: Any])?["dscp"] as? [String: Any] ?? [:]
        }

        @Test func aRemarkedPortIsNamedAndAnUntouchedOnePasses() async throws {
            try await Lab.ensureUp()
            let responder = try ResponderProcess(
                ["--listen", "\(Self.address):5004-5005", "--allow", "198.18.0.0/24"], namespace: "nr-far")
            let uris = [
                "rtp://\(Self.address):5004?duration=1s&dscp=EF", "rtp://\(Self.address):5005?duration=1s&dscp=EF",
                "udp://\(Self.address):5004?dscp=AF41", "udp://\(Self.address):5005?dscp=46",
            ]
            let outcome: Result<ReportProbes, any Error>
            do {
                _ = try await responder.waitFor("responder listening")
                outcome = .success(
                    try await Lab.with(["dscp-remark", "5005"], restoring: ["dscp-remark", "off"]) {
                        let output = try await Lab.netready(
                            ["check"] + uris + ["--format", "json", "--samples", "1", "--timeout", "2s"])
                        return try ReportProbes(output)
                    })
            } catch {
                outcome = .failure(error)
            }
            try await responder.stop()
            let probes = try outcome.get()
            for uri in uris {
                let probe = try #require(probes[uri])
                let message = probe["message"] as? String ?? ""
                let dscp = Self.dscp(probe)
                let sent = uri.contains("AF41") ? 34 : 46
                #expect(dscp["sent"] as? Int == sent, "\(dscp)")
                if uri.contains(":5005") {
                    #expect(probe["status"] as? String == "warn", "\(message)")
                    #expect(probe["reason"] as? String == "media.dscp", "\(message)")
                    #expect(dscp["received"] as? Int == 0, "\(dscp)")
                    #expect(message.contains("EF (46) sent, 0 received: QoS marking removed on the path"), "\(message)")
                } else {
                    #expect(probe["status"] as? String == "pass", "\(message)")
                    #expect(dscp["received"] as? Int == sent, "\(dscp)")
                }
            }
        }
    }
}
