import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// http:// and https:// probes against the lab's nginx, TLS misbehaviour servers and
    /// tinyproxy, each verdict checked against curl run in the same namespace.
    @Suite(.timeLimit(.minutes(5))) struct HTTPLabTests {
        static let caFile = "/tmp/netready-lab/ca/lab-ca.pem"
        static let egressPool = ["198.18.0.11", "198.18.0.12", "198.18.0.13"]

        /// Runs `netready check` on one URI and returns its probe.
        static func probe(
            _ uri: String, _ extra: [String] = [], samples: Int = 2, timeout: String = "1s"
        )
            async throws -> [String: Any]
        {
            let output = try await Lab.netready(
                [
                    "check", uri, "--format", "json", "--samples", "\(samples)", "--timeout", timeout,
                    "--ca-file", caFile,
                ] + extra)
            return try #require(try ReportProbes(output)[uri], "stdout: \(output.stdout) stderr: \(output.stderr)")
        }

        /// curl's exit status and `-w` output for the same request.
        static func curl(_ arguments: [String]) async throws -> (status: Int32, out: String) {
            let output = try await Lab.exec(
                ["curl", "-sS", "-o", "/dev/null", "-m", "1", "--cacert", caFile] + arguments)
            return (output.status, output.stdout)
        }

        @Test func httpsWithTheLabCAPassesAndShowsTheEgressAddress() async throws {
            let probe = try await Self.probe("https://good.lab.netready.test/ip", ["-4"])
            #expect(probe["status"] as? String == "pass", "message: \(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["status"] as? Int == 200)
            let body = (details["body"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(Self.egressPool.contains(body), "body: \(body)")
            let tls = try #require(details["tls"] as? [String: Any])
            #expect((tls["issuer"] as? String ?? "").contains("NetReady Lab Root CA"))
            let timings = try #require(details["timings_ms"] as? [String: Any])
            let connect = try #require(timings["connect"] as? Double)
            let handshake = try #require(timings["tls"] as? Double)
            let total = try #require(timings["total"] as? Double)
            #expect(connect > 0 && handshake >= connect && total >= handshake, "\(timings)")
            let latency = try #require(probe["latency_ms"] as? [String: Any])
            #expect(latency["samples"] as? Int == 2)
            let curl = try await Self.curl(["-4", "-w", "%{http_code}", "https://good.lab.netready.test/ip"])
            #expect(curl.status == 0 && curl.out == "200")
        }

        @Test func plainHTTPPasses() async throws {
            let probe = try await Self.probe("http://good.lab.netready.test/ip", ["-4"])
            #expect(probe["status"] as? String == "pass", "message: \(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["http_version"] as? String == "1.1")
            let curl = try await Self.curl(["-4", "-w", "%{http_code}", "http://good.lab.netready.test/ip"])
            #expect(curl.status == 0 && curl.out == "200")
        }

        @Test func anUnexpectedStatusIsHTTPStatus() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netready-http-\(getpid())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("status.yaml")
            let uri = "http://good.lab.netready.test/ip"
            try """
            targets:
              - name: wants 204
                probes:
                  - uri: \(uri)
                    expect_status: [204]
            """.write(to: file, atomically: true, encoding: .utf8)
            let output = try await Lab.netready(["check", file.path, "--format", "json", "--samples", "1", "-4"])
            let probe = try #require(try ReportProbes(output)[uri], "\(output.stderr)")
            #expect(probe["reason"] as? String == "http.status")
            #expect((probe["message"] as? String ?? "").contains("status 200, expected 204"))
        }

        /// A TLS server case: URI, netready's reason, words of its message, curl's exit status.
        struct TLSCase: Sendable, CustomTestStringConvertible {
            let uri: String
            let reason: String
            let says: String
            let curlStatus: Int32
            var testDescription: String { "\(uri) → \(reason)" }
        }

        static let tlsCases: [TLSCase] = [
            TLSCase(
                uri: "https://tls-inspected.lab.netready.test/", reason: "tls.intercepted",
                says: "Lab Inspection Proxy CA", curlStatus: 60),
            TLSCase(
                uri: "https://tls-expired.lab.netready.test/", reason: "tls.expired", says: "expired",
                curlStatus: 60),
            TLSCase(
                uri: "https://tls-wrongname.lab.netready.test/", reason: "tls.hostname",
                says: "subject name", curlStatus: 60),
            TLSCase(uri: "https://tls-reset.lab.netready.test/", reason: "tls.reset", says: "reset", curlStatus: 35),
            TLSCase(
                uri: "https://tls-silent.lab.netready.test/", reason: "tls.timeout", says: "timed out",
                curlStatus: 28),
        ]

        @Test(arguments: tlsCases)
        func tlsFailuresGetTheirSpecReasonAndAgreeWithCurl(_ check: TLSCase) async throws {
            let started = ContinuousClock.now
            let probe = try await Self.probe(check.uri, samples: 1)
            let elapsed = ContinuousClock.now - started
            #expect(probe["status"] as? String == "fail")
            #expect(probe["reason"] as? String == check.reason, "message: \(probe["message"] ?? "")")
            #expect((probe["message"] as? String ?? "").contains(check.says), "message: \(probe["message"] ?? "")")
            // One 1 s attempt (and at most one 1 s certificate look): classified, not hung.
            #expect(elapsed < TimeBound.notHung(after: .seconds(2)), "took \(elapsed)")
            let curl = try await Self.curl([check.uri])
            #expect(curl.status == check.curlStatus)
        }

        @Test func theInterceptionResultNamesTheIssuerInItsDetails() async throws {
            let probe = try await Self.probe("https://tls-inspected.lab.netready.test/", samples: 1)
            let details = try #require(probe["details"] as? [String: Any])
            let tls = try #require(details["tls"] as? [String: Any], "details: \(details)")
            #expect((tls["issuer"] as? String ?? "").contains("Lab Secure Web Gateway"))
        }

        @Test func httpsThroughTheOpenProxyPasses() async throws {
            let proxy = "http://198.18.0.2:3128"
            let probe = try await Self.probe("https://198.18.0.2/ip", ["--proxy", proxy], timeout: "3s")
            #expect(probe["status"] as? String == "pass", "message: \(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["proxy"] as? String == proxy)
            #expect(details["proxy_connect_status"] as? Int == 200)
            let curl = try await Self.curl(["-m", "3", "-x", proxy, "-w", "%{http_code}", "https://198.18.0.2/ip"])
            #expect(curl.status == 0 && curl.out == "200")
        }

        @Test func theAuthenticatingProxyWithoutCredentialsIsHTTPProxy() async throws {
            let proxy = "http://198.18.0.2:3129"
            let probe = try await Self.probe("https://198.18.0.2/ip", ["--proxy", proxy], timeout: "3s")
            #expect(probe["reason"] as? String == "http.proxy", "message: \(probe["message"] ?? "")")
            #expect((probe["message"] as? String ?? "").contains("407"))
            let curl = try await Self.curl(["-m", "3", "-x", proxy, "-w", "%{http_connect}", "https://198.18.0.2/ip"])
            #expect(curl.out == "407")
            let plain = try await Self.probe("http://198.18.0.2/ip", ["--proxy", proxy], timeout: "3s")
            #expect(plain["reason"] as? String == "http.proxy")
            let withCredentials = try await Self.probe(
                "https://198.18.0.2/ip", ["--proxy", "http://probe:labsecret@198.18.0.2:3129"], timeout: "3s")
            #expect(withCredentials["status"] as? String == "pass", "message: \(withCredentials["message"] ?? "")")
        }

        @Test func aClosedPortIsTCPRefused() async throws {
            let probe = try await Self.probe("http://198.18.0.2:81/")
            #expect(probe["reason"] as? String == "tcp.refused", "message: \(probe["message"] ?? "")")
            let curl = try await Self.curl(["http://198.18.0.2:81/"])
            #expect(curl.status == 7)
        }

        @Test func aDroppedDestinationIsTCPTimeout() async throws {
            let probe = try await Self.probe("https://198.18.0.20/", samples: 1)
            #expect(probe["reason"] as? String == "tcp.timeout", "message: \(probe["message"] ?? "")")
        }

        @Test func anUnknownNameIsADNSReason() async throws {
            let probe = try await Self.probe("https://missing.lab.netready.test/", samples: 1)
            #expect(probe["reason"] as? String == "dns.nxdomain", "message: \(probe["message"] ?? "")")
        }
    }
}
