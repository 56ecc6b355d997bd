import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// The lab's kamailio on its plain port (5070: no sipfrag echo, like almost every real SIP server) behind the
    /// router's kernel SIP ALG, which handles UDP only there: the ALG is inferred from the run's own NAT evidence,
    /// and its work (`received=` naming this host) never reaches the egress section.
    @Suite(.timeLimit(.minutes(5))) struct SIPALGInferenceLabTests {
        static let pool: Set<String> = ["198.18.0.11", "198.18.0.12", "198.18.0.13"]
        static let udp = "sip:198.18.0.2:5070"
        static let tcp = "sip:198.18.0.2:5070;transport=tcp"
        static let whoami = "dns:x.whoami?type=TXT&server=198.18.0.55"

        /// `netready check URIS --format json` in the client namespace: the probes by URI and the egress section.
        static func check(_ arguments: [String]) async throws -> (probes: ReportProbes, egress: [String: Any]) {
            let output = try await Lab.netready(
                ["check"] + arguments + ["--format", "json", "--samples", "2", "--timeout", "2s"])
            let report = try output.json()
            let egress = try #require(report["egress"] as? [String: Any], "\(output.stdout)\(output.stderr)")
            return (try ReportProbes(output), egress)
        }

        static func alg(_ probe: [String: Any]?) -> [String: Any] {
            (probe?["details"] as? [String: Any])?["alg"] as? [String: Any] ?? [:]
        }

        static func egressIPs(_ egress: [String: Any]) -> Set<String> {
            Set((egress["addresses"] as? [[String: Any]] ?? []).compactMap { $0["ip"] as? String })
        }

        @Test(arguments: ["rotate", "sticky"])
        func udpIsRewrittenTCPIsNotAndEgressStaysTrue(_ mode: String) async throws {
            let (probes, egress) = try await Lab.with(["sip-alg", "on"], restoring: ["sip-alg", "off"]) {
                try await Lab.with(["egress", mode], restoring: ["egress", "rotate"]) {
                    try await Self.check([Self.udp, Self.tcp, "--egress-server", Self.whoami])
                }
            }
            let udp = try #require(probes[Self.udp])
            let message = udp["message"] as? String ?? ""
            #expect(udp["status"] as? String == "warn", "\(message)")
            #expect(udp["reason"] as? String == "sip.alg", "\(message)")
            #expect(message.contains("over TCP the same server saw this host as 198.18.0.1"), "\(message)")
            let alg = Self.alg(udp)
            #expect(alg["detected"] as? Bool == true)
            #expect(alg["echo"] as? Bool == false)
            let rewritten = try #require((alg["rewritten"] as? [[String: Any]])?.first)
            #expect(rewritten["header"] as? String == "Via received")
            #expect(rewritten["received"] as? String == "10.77.1.2")
            #expect(Self.pool.contains(rewritten["sent"] as? String ?? ""), "\(rewritten)")

            let tcp = try #require(probes[Self.tcp])
            #expect(tcp["status"] as? String == "pass", "\(tcp["message"] ?? "")")
            #expect(Self.alg(tcp)["detected"] as? Bool == false)

            // The private address the ALG wrote back is not an egress address, and does not make egress unstable.
            let seen = Self.egressIPs(egress)
            #expect(!seen.contains("10.77.1.2"), "\(seen)")
            if mode == "sticky" {
                #expect(egress["stable"] as? Bool == true, "\(egress)")
                #expect(seen == ["198.18.0.11"], "\(seen)")
            } else {
                #expect(seen == Self.pool, "\(seen)")
            }
        }

        @Test func aSTUNMappedAddressIsEnoughEvidence() async throws {
            let (probes, _) = try await Lab.with(["sip-alg", "on"], restoring: ["sip-alg", "off"]) {
                try await Self.check([Self.udp, "stun:198.18.0.2:3478"])
            }
            let udp = try #require(probes[Self.udp])
            let message = udp["message"] as? String ?? ""
            #expect(udp["reason"] as? String == "sip.alg", "\(message)")
            #expect(message.contains("this run saw flows from here leave from 198.18.0.1"), "\(message)")
            #expect(message.contains("stun"), "\(message)")
        }

        @Test func aLoneProbeWithoutNATEvidenceIsUndetermined() async throws {
            let (probes, egress) = try await Lab.with(["sip-alg", "on"], restoring: ["sip-alg", "off"]) {
                try await Self.check([Self.udp])
            }
            let udp = try #require(probes[Self.udp])
            let message = udp["message"] as? String ?? ""
            #expect(udp["status"] as? String == "pass", "\(message)")
            #expect(message.contains("undetermined: no NAT evidence in this run"), "\(message)")
            let alg = Self.alg(udp)
            #expect(alg.keys.contains("detected") && alg["detected"] is NSNull, "\(alg)")
            #expect((alg["evidence"] as? [String] ?? []).contains("undetermined: no NAT evidence in this run"))
            #expect(Self.egressIPs(egress).isEmpty, "\(egress)")

            // Without the ALG the server names the NAT's address: no ALG, and that address is egress evidence.
            let (clean, cleanEgress) = try await Self.check([Self.udp])
            let plain = try #require(clean[Self.udp])
            #expect(plain["status"] as? String == "pass", "\(plain["message"] ?? "")")
            #expect(Self.alg(plain)["detected"] as? Bool == false)
            #expect(Self.egressIPs(cleanEgress).isSubset(of: Self.pool))
            #expect(!Self.egressIPs(cleanEgress).isEmpty)
        }
    }
}
