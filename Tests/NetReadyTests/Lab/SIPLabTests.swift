import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// SIP OPTIONS against the lab's kamailio (198.18.0.2) over every transport, agreement with sipp, the
    /// router's kernel SIP ALG detected and not, and blocked paths classified.
    @Suite(.timeLimit(.minutes(5))) struct SIPLabTests {
        static let caFile = "/tmp/netready-lab/ca/lab-ca.pem"

        /// Runs one probe in the client namespace and returns its JSON result.
        static func probe(_ uri: String, samples: Int = 2, timeout: String = "2s") async throws -> [String: Any] {
            let output = try await Lab.netready([
                "check", uri, "--format", "json", "--samples", "\(samples)", "--timeout", timeout, "--ca-file", caFile,
            ])
            return try #require(try ReportProbes(output)[uri], "\(output.stdout)\(output.stderr)")
        }

        static func details(_ probe: [String: Any]) -> [String: Any] { probe["details"] as? [String: Any] ?? [:] }

        static func alg(_ probe: [String: Any]) -> [String: Any] { details(probe)["alg"] as? [String: Any] ?? [:] }

        @Test(arguments: [
            "sip:198.18.0.2", "sip:198.18.0.2;transport=tcp", "sips:198.18.0.2:5061",
            "sip:198.18.0.2:5061;transport=tls", "sip:198.18.0.2:8060;transport=ws",
            "sip:198.18.0.2:8061;transport=wss", "sip:[fd77:ff::2]", "sip:[fd77:ff::2];transport=tcp",
        ])
        func optionsIsAnsweredWith200OverEveryTransport(_ uri: String) async throws {
            let probe = try await Self.probe(uri)
            #expect(probe["status"] as? String == "pass", "message: \(probe["message"] ?? "")")
            let details = Self.details(probe)
            #expect(details["status_code"] as? Int == 200)
            #expect(details["server"] as? String == "netready-lab")
            #expect((probe["latency_ms"] as? [String: Any])?["samples"] as? Int == 2)
            // kamailio echoes the request (sipfrag): the comparison is definitive and found nothing.
            #expect(Self.alg(probe)["echo"] as? Bool == true)
            #expect(Self.alg(probe)["detected"] as? Bool == false)
            if uri.contains("transport=ws") {
                #expect((details["via_sent_by"] as? String)?.hasSuffix(".invalid") == true)
            } else if !uri.contains("fd77") {
                #expect((details["via_sent_by"] as? String)?.hasPrefix("10.77.1.2:") == true)
                // Through the router's SNAT the server saw an egress address: the egress evidence.
                let mapped = try #require(details["mapped_addresses"] as? [String])
                #expect(mapped.allSatisfy { $0.hasPrefix("198.18.0.1") }, "\(mapped)")
                #expect((details["received"] as? String)?.hasPrefix("198.18.0.1") == true)
            }
            if uri.hasPrefix("sips:") || uri.contains("=tls") || uri.contains("=wss") {
                #expect((details["issuer"] as? String)?.contains("NetReady Lab Root CA") == true)
            }
        }

        /// A minimal sipp UAC: one OPTIONS, expecting 200.
        static let sippScenario = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="OPTIONS">
              <send retrans="500">
                <![CDATA[
                  OPTIONS sip:[remote_ip]:[remote_port] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
                  Max-Forwards: 70
                  From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
                  To: <sip:[remote_ip]:[remote_port]>
                  Call-ID: [call_id]
                  CSeq: 1 OPTIONS
                  Contact: <sip:sipp@[local_ip]:[local_port]>
                  Content-Length: 0

                ]]>
              </send>
              <recv response="200" />
            </scenario>
            """

        @Test(arguments: [("u1", "sip:198.18.0.2"), ("t1", "sip:198.18.0.2;transport=tcp"), ("u1", "sip:198.18.0.20")])
        func agreesWithSipp(_ sippTransport: String, _ uri: String) async throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("netready-sipp-\(UUID()).xml")
            try Self.sippScenario.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let host = uri.contains(".20") ? "198.18.0.20" : "198.18.0.2"
            let sipp = try await Lab.exec([
                "sipp", "\(host):5060", "-sf", file.path, "-m", "1", "-t", sippTransport, "-timeout", "3s",
                "-timeout_error", "-nostdin",
            ])
            let probe = try await Self.probe(uri, samples: 1)
            let sippPassed = sipp.status == 0
            #expect(
                sippPassed == (probe["status"] as? String == "pass"), "sipp \(sipp.status): \(probe["message"] ?? "")")
            #expect(sippPassed == (host == "198.18.0.2"))
        }

        @Test(arguments: ["sip:198.18.0.2", "sip:198.18.0.2;transport=tcp"])
        func routerSIPALGIsDetected(_ uri: String) async throws {
            try await Lab.control(["sip-alg", "on"])
            let probe: [String: Any]
            do {
                probe = try await Self.probe(uri)
            } catch {
                try await Lab.control(["sip-alg", "off"])
                throw error
            }
            try await Lab.control(["sip-alg", "off"])
            #expect(probe["status"] as? String == "warn")
            #expect(probe["reason"] as? String == "sip.alg")
            let message = probe["message"] as? String ?? ""
            #expect(message.contains("Via sent-by 10.77.1.2:"), "\(message)")
            #expect(message.contains("rewritten to 198.18.0.1"), "\(message)")
            let alg = Self.alg(probe)
            #expect(alg["detected"] as? Bool == true)
            let rewritten = try #require((alg["rewritten"] as? [[String: Any]])?.first)
            #expect(rewritten["header"] as? String == "Via sent-by")
            #expect((rewritten["sent"] as? String)?.hasPrefix("10.77.1.2:") == true)
            #expect((rewritten["received"] as? String)?.hasPrefix("198.18.0.1") == true)
            // The ALG mapped the response back: the server "saw" our private address.
            #expect(Self.details(probe)["received"] as? String == "10.77.1.2")
            // The egress mapping is what the ALG wrote into the Via, not the private address.
            let mapped = try #require(Self.details(probe)["mapped_addresses"] as? [String])
            #expect(mapped.allSatisfy { $0.hasPrefix("198.18.0.1") }, "\(mapped)")

            // Off again: the same probe passes with nothing rewritten.
            let clean = try await Self.probe(uri)
            #expect(clean["status"] as? String == "pass", "message: \(clean["message"] ?? "")")
            #expect(Self.alg(clean)["detected"] as? Bool == false)
        }

        @Test func droppedUDPTimesOutWithinTheTimeout() async throws {
            let started = ContinuousClock.now
            let probe = try await Self.probe("sip:198.18.0.20", samples: 1, timeout: "2s")
            #expect(ContinuousClock.now - started < TimeBound.notHung(after: .seconds(2)))
            #expect(probe["status"] as? String == "fail")
            #expect(probe["reason"] as? String == "sip.timeout")
            // T1 = 500 ms doubling: sends at 0, 0.5 and 1.5 s within 2 s.
            #expect((probe["message"] as? String)?.contains("sent 3 times") == true, "\(probe["message"] ?? "")")
        }

        @Test func blockedPathsKeepTheirTransportReasons() async throws {
            #expect(
                try await Self.probe("sip:198.18.0.21;transport=tcp", samples: 1)["reason"] as? String == "tcp.refused")
            #expect(
                try await Self.probe("sip:198.18.0.20;transport=tcp", samples: 1)["reason"] as? String == "tcp.timeout")
            let prohibited = try await Self.probe("sip:198.18.0.22", samples: 1)
            #expect(prohibited["reason"] as? String == "udp.filtered")
            #expect((prohibited["message"] as? String)?.contains("administratively prohibited by 10.77.1.1") == true)
        }
    }
}
