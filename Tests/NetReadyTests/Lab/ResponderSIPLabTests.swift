import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `netready responder` in nr-far as the definitive far end: its 200 to OPTIONS carries the request as it
    /// arrived (sipfrag), so the router's kernel SIP ALG is named by what it rewrote; STUN over TCP answered.
    @Suite(.timeLimit(.minutes(5))) struct ResponderSIPLabTests {
        /// A far address no lab service uses, on the port the router's ALG watches (5060).
        static let address = "198.18.0.49"

        static func check(_ uris: [String]) async throws -> ReportProbes {
            let output = try await Lab.netready(
                ["check"] + uris + ["--format", "json", "--samples", "2", "--timeout", "2s"])
            return try ReportProbes(output)
        }

        @Test func theALGIsNamedByTheEchoAndAbsentWhenOff() async throws {
            try await Lab.ensureUp()
            let responder = try ResponderProcess(
                ["--listen", "\(Self.address):5060", "--allow", "198.18.0.0/24"], namespace: "nr-far")
            let udp = "sip:\(Self.address)"
            let tcp = "sip:\(Self.address);transport=tcp"
            let stunTCP = "stun:\(Self.address):5060?transport=tcp"
            let outcome: Result<(ReportProbes, ReportProbes), any Error>
            do {
                _ = try await responder.waitFor("responder listening")
                let on = try await Lab.with(["sip-alg", "on"], restoring: ["sip-alg", "off"]) {
                    try await Self.check([udp, tcp])
                }
                outcome = .success((on, try await Self.check([udp, tcp, stunTCP])))
            } catch {
                outcome = .failure(error)
            }
            try await responder.stop()
            let (on, off) = try outcome.get()
            for uri in [udp, tcp] {
                let probe = try #require(on[uri])
                let message = probe["message"] as? String ?? ""
                #expect(probe["status"] as? String == "warn", "\(message)")
                #expect(probe["reason"] as? String == "sip.alg", "\(message)")
                #expect(message.contains("Via sent-by 10.77.1.2:"), "\(message)")
                let alg = (probe["details"] as? [String: Any])?["alg"] as? [String: Any] ?? [:]
                #expect(alg["echo"] as? Bool == true)
                let rewritten = alg["rewritten"] as? [[String: Any]] ?? []
                #expect(
                    rewritten.contains {
                        $0["header"] as? String == "Via sent-by"
                            && ($0["received"] as? String)?.hasPrefix("198.18.0.1") == true
                    }, "\(rewritten)")

                let clean = try #require(off[uri])
                #expect(clean["status"] as? String == "pass", "\(clean["message"] ?? "")")
                let cleanALG = (clean["details"] as? [String: Any])?["alg"] as? [String: Any] ?? [:]
                #expect(cleanALG["echo"] as? Bool == true)
                #expect(cleanALG["detected"] as? Bool == false)
            }
            let stun = try #require(off[stunTCP])
            #expect(stun["status"] as? String == "pass", "\(stun["message"] ?? "")")
        }
    }
}
