import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// TLS verdicts against the lab's real TLS servers, each checked against `openssl s_client` run in the same
    /// namespace (its "Verify return code", negotiated protocol and ALPN, or how it failed).
    @Suite(.timeLimit(.minutes(5))) struct TLSGroundTruthTests {
        static let caFile = "/tmp/netready-lab/ca/lab-ca.pem"

        /// One lab TLS server: netready's expected reason and OpenSSL's expected verify return code.
        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let address: String
            let reason: String?
            let verifyCode: Int
            var uri: String { "tls://\(name).lab.netready.test:443" }
            var testDescription: String { "\(uri) → \(reason ?? "pass")" }
        }

        static let cases: [Case] = [
            Case(name: "tls-good", address: "198.18.0.2", reason: nil, verifyCode: 0),
            Case(name: "tls-inspected", address: "198.18.0.41", reason: "tls.intercepted", verifyCode: 20),
            Case(name: "tls-expired", address: "198.18.0.42", reason: "tls.expired", verifyCode: 10),
            Case(name: "tls-wrongname", address: "198.18.0.43", reason: "tls.hostname", verifyCode: 62),
        ]

        /// `openssl s_client` to `address` with SNI and hostname check `name`, output with stderr.
        static func sClient(_ address: String, name: String, _ extra: [String] = []) async throws -> String {
            let output = try await Lab.exec(
                [
                    "timeout", "5", "openssl", "s_client", "-connect", "\(address):443", "-servername", name,
                    "-verify_hostname", name,
                ] + extra)
            return output.stdout + output.stderr
        }

        /// The first verification error s_client reports ("verify error:num=20:..."), else its final "Verify return
        /// code". s_client's callback carries on after an error and ends with the last one (21 for a leaf-only chain),
        /// while netready, like OpenSSL without a callback, keeps the first, so the first is the one to compare.
        static func verifyCode(_ text: String) -> Int? {
            let lines = text.split(separator: "\n")
            if let error = lines.first(where: { $0.hasPrefix("verify error:num=") }) {
                return Int(error.dropFirst("verify error:num=".count).prefix { $0.isNumber })
            }
            guard let line = lines.first(where: { $0.contains("Verify return code:") }) else { return nil }
            return Int(line.split(separator: ":")[1].split(separator: " ")[0])
        }

        static func check(_ uris: [String], _ extra: [String] = []) async throws -> (Int32, ReportProbes) {
            let output = try await Lab.netready(
                ["check"] + uris + ["--format", "json", "--samples", "1", "--timeout", "2s"] + extra)
            return (output.status, try ReportProbes(output))
        }

        @Test(arguments: cases)
        func certificateCaseGivesTheSpecReasonAndAgreesWithOpenSSL(_ check: Case) async throws {
            let (status, probes) = try await Self.check([check.uri], ["--ca-file", Self.caFile])
            #expect(status == (check.reason == nil ? 0 : 1))
            let probe = try #require(probes[check.uri])
            #expect(probe["reason"] as? String == check.reason, "message: \(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            let issuer = try #require(details["issuer"] as? String)
            #expect((probe["message"] as? String)?.contains("issuer") == true || check.reason == "tls.intercepted")
            #expect((details["verify"] as? [String: Any])?["code"] as? Int == check.verifyCode)
            let chain = try #require(details["chain"] as? [[String: Any]])
            #expect((chain.first?["sha256"] as? String)?.count == 95)
            #expect(chain.first?["issuer"] as? String == issuer)

            let openssl = try await Self.sClient(
                check.address, name: "\(check.name).lab.netready.test",
                ["-CAfile", Self.caFile])
            #expect(Self.verifyCode(openssl) == check.verifyCode, "s_client: \(openssl)")
        }

        @Test func inspectionCANamesItsIssuer() async throws {
            let uri = "tls://tls-inspected.lab.netready.test:443"
            let (_, probes) = try await Self.check([uri], ["--ca-file", Self.caFile])
            let probe = try #require(probes[uri])
            #expect(probe["reason"] as? String == "tls.intercepted")
            let message = try #require(probe["message"] as? String)
            #expect(message.contains("Lab Inspection Proxy CA"), "message: \(message)")
            let details = try #require(probe["details"] as? [String: Any])
            #expect((details["issuer"] as? String)?.contains("Lab Inspection Proxy CA") == true)
            #expect((details["issuer"] as? String)?.contains("Lab Secure Web Gateway") == true)
        }

        @Test func labChainWithoutItsCAIsUntrusted() async throws {
            let uri = "tls://tls-good.lab.netready.test:443"
            let (status, probes) = try await Self.check([uri])
            #expect(status == 1)
            let probe = try #require(probes[uri])
            #expect(probe["reason"] as? String == "tls.untrusted", "message: \(probe["message"] ?? "")")
            #expect((probe["message"] as? String)?.contains("NetReady Lab Root CA") == true)
            let openssl = try await Self.sClient("198.18.0.2", name: "tls-good.lab.netready.test")
            #expect(Self.verifyCode(openssl) == 20, "s_client: \(openssl)")
        }

        @Test func sslCertFileIsHonoured() async throws {
            let uri = "tls://tls-good.lab.netready.test:443"
            let output = try await Lab.exec([
                "env", "SSL_CERT_FILE=\(Self.caFile)", NetReadyBinary.path, "check", uri, "--format", "json",
                "--samples", "1",
            ])
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
            #expect(try ReportProbes(output)[uri]?["status"] as? String == "pass")
        }

        @Test func issuerPatternsThatDoNotMatchMeanInterception() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netready-tls-\(getpid())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("pinned.yaml")
            try """
            name: pinned
            targets:
              - name: expects another CA
                probes:
                  - uri: tls://198.18.0.2:443
                    issuer: ["DigiCert*", "Let's Encrypt"]
              - name: expects the lab CA
                probes:
                  - uri: tls://tls-good.lab.netready.test:443
                    issuer: NetReady Lab
            """.write(to: file, atomically: true, encoding: .utf8)
            let (_, probes) = try await Self.check([file.path], ["--ca-file", Self.caFile])
            let other = try #require(probes["tls://198.18.0.2:443"])
            #expect(other["reason"] as? String == "tls.intercepted")
            #expect((other["message"] as? String)?.contains("NetReady Lab Root CA") == true)
            #expect(probes["tls://tls-good.lab.netready.test:443"]?["status"] as? String == "pass")
        }

        @Test func versionsAndALPNMatchOpenSSL() async throws {
            let v12 = "tls://tls-v12.lab.netready.test:443?alpn=h2,http/1.1"
            let v13 = "tls://tls-v13.lab.netready.test:443"
            let h2 = "tls://tls-h2.lab.netready.test:443?alpn=h2,http/1.1"
            let (status, probes) = try await Self.check([v12, v13, h2], ["--ca-file", Self.caFile])
            #expect(status == 0)
            let v12Details = try #require(probes[v12]?["details"] as? [String: Any])
            #expect(v12Details["version"] as? String == "TLSv1.2")
            #expect(v12Details["alpn"] as? String == "http/1.1")
            #expect((probes[v13]?["details"] as? [String: Any])?["version"] as? String == "TLSv1.3")
            let h2Details = try #require(probes[h2]?["details"] as? [String: Any])
            #expect(h2Details["alpn"] as? String == "h2")
            #expect(h2Details["group"] as? String != nil)
            #expect(h2Details["cipher"] as? String != nil)

            let name = ".lab.netready.test"
            let sv12 = try await Self.sClient("198.18.0.44", name: "tls-v12" + name, ["-alpn", "h2,http/1.1"])
            #expect(sv12.contains("Protocol  : TLSv1.2"), "s_client: \(sv12)")
            #expect(sv12.contains("ALPN protocol: http/1.1"))
            let sv13 = try await Self.sClient("198.18.0.45", name: "tls-v13" + name)
            #expect(sv13.contains("TLSv1.3"), "s_client: \(sv13)")
            let sh2 = try await Self.sClient("198.18.0.48", name: "tls-h2" + name, ["-alpn", "h2,http/1.1"])
            #expect(sh2.contains("ALPN protocol: h2"), "s_client: \(sh2)")
        }

        @Test func resetAfterClientHelloIsTLSResetNotTCP() async throws {
            let uri = "tls://tls-reset.lab.netready.test:443"
            let (_, probes) = try await Self.check([uri])
            let probe = try #require(probes[uri])
            #expect(probe["reason"] as? String == "tls.reset", "message: \(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["connect_ms"] as? Double != nil)
            #expect(details.keys.contains("issuer"))
            let openssl = try await Self.sClient("198.18.0.47", name: "tls-reset" + ".lab.netready.test")
            // errno 104 is ECONNRESET: OpenSSL saw the same reset, after "CONNECTED".
            #expect(openssl.contains("errno=104") && openssl.contains("CONNECTED"), "s_client: \(openssl)")
            #expect(openssl.contains("no peer certificate available"))
        }

        @Test func silentServerIsTLSTimeoutWithinTheTimeout() async throws {
            let uri = "tls://tls-silent.lab.netready.test:443"
            let start = Date()
            let output = try await Lab.netready(["check", uri, "--format", "json", "--samples", "1", "--timeout", "1s"])
            let elapsed = Date().timeIntervalSince(start)
            let probe = try #require(try ReportProbes(output)[uri])
            #expect(probe["reason"] as? String == "tls.timeout", "message: \(probe["message"] ?? "")")
            #expect(.seconds(elapsed) < TimeBound.notHung(after: .seconds(1)), "took \(elapsed) s")
            let openssl = try await Lab.exec([
                "timeout", "2", "stdbuf", "-oL", "openssl", "s_client", "-connect", "198.18.0.46:443",
            ])
            // 124: timeout(1) had to stop s_client, which was still waiting for a ServerHello.
            #expect(openssl.status == 124)
            #expect(openssl.stdout.contains("CONNECTED"))
        }

        @Test func plainHTTPPortIsATLSProtocolError() async throws {
            let uri = "tls://198.18.0.2:80"
            let (_, probes) = try await Self.check([uri])
            let probe = try #require(probes[uri])
            #expect(probe["reason"] as? String == "tls.protocol")
            #expect((probe["message"] as? String)?.contains("wrong version number") == true)
            let openssl = try await Lab.exec(["timeout", "5", "openssl", "s_client", "-connect", "198.18.0.2:80"])
            #expect(openssl.stderr.contains("wrong version number"), "s_client: \(openssl.stderr)")
        }

        @Test func tcpFailuresKeepTheirTCPReasons() async throws {
            let uris = ["tls://198.18.0.2:8010", "tls://198.18.0.20:443"]
            let (_, probes) = try await Self.check(uris, ["--timeout", "1s"])
            #expect(probes["tls://198.18.0.2:8010"]?["reason"] as? String == "tcp.refused")
            #expect(probes["tls://198.18.0.20:443"]?["reason"] as? String == "tcp.timeout")
        }
    }
}
