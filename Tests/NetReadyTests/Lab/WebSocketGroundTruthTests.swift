import Foundation
import Testing

extension LabTests {
    /// WebSocket upgrades against the lab's endpoint (198.18.0.2: ws on :8080, wss on :8443), each checked
    /// against curl sending the same upgrade from the same namespace.
    @Suite(.timeLimit(.minutes(5))) struct WebSocketGroundTruthTests {
        static let caFile = "/tmp/netready-lab/ca/lab-ca.pem"

        /// One endpoint case: netready's expected reason and the status curl must see.
        struct Case: Sendable, CustomTestStringConvertible {
            let uri: String
            let curlURL: String
            let reason: String?
            let status: Int
            var testDescription: String { "\(uri) → \(reason ?? "pass")" }
        }

        static let cases: [Case] = [
            Case(uri: "ws://198.18.0.2:8080/ws", curlURL: "http://198.18.0.2:8080/ws", reason: nil, status: 101),
            Case(
                uri: "wss://echo.lab.netready.test:8443/ws", curlURL: "https://echo.lab.netready.test:8443/ws",
                reason: nil, status: 101),
            Case(uri: "ws://198.18.0.2:8080/", curlURL: "http://198.18.0.2:8080/", reason: "ws.upgrade", status: 200),
            Case(
                uri: "wss://echo.lab.netready.test:8443/chat?room=1",
                curlURL: "https://echo.lab.netready.test:8443/chat?room=1", reason: "ws.upgrade", status: 200),
            Case(
                uri: "ws://198.18.0.2:8080/ws-bad-accept", curlURL: "http://198.18.0.2:8080/ws-bad-accept",
                reason: "ws.upgrade", status: 101),
        ]

        /// RFC 6455 section 1.3's sample key and the accept value it must produce.
        static let sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="
        static let sampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

        /// The response head curl received for the same upgrade request.
        static func curl(_ url: String) async throws -> String {
            let output = try await Lab.exec([
                "curl", "-s", "--http1.1", "--max-time", "1", "--cacert", caFile, "-o", "/dev/null", "-D", "-",
                "-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
                "-H", "Sec-WebSocket-Key: \(sampleKey)", url,
            ])
            return output.stdout
        }

        @Test(arguments: cases)
        func upgradeGivesTheSpecReasonAndAgreesWithCurl(_ check: Case) async throws {
            let output = try await Lab.netready([
                "check", check.uri, "--format", "json", "--samples", "1", "--timeout", "2s", "--ca-file", Self.caFile,
            ])
            #expect(output.status == (check.reason == nil ? 0 : 1), "\(output.stderr)")
            let probe = try #require(try ReportProbes(output)[check.uri])
            #expect(probe["reason"] as? String == check.reason, "message: \(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            let upgrade = try #require(details["upgrade"] as? [String: Any])
            #expect(upgrade["status"] as? Int == check.status)
            #expect(upgrade["accept_valid"] as? Bool == (check.reason == nil))
            if check.reason != nil {
                #expect((probe["message"] as? String)?.contains("\(check.status)") == true)
            }
            if check.uri.hasPrefix("wss:") {
                #expect((details["issuer"] as? String)?.contains("NetReady Lab Root CA") == true)
            }

            let head = try await Self.curl(check.curlURL)
            #expect(head.hasPrefix("HTTP/1.1 \(check.status)"), "curl: \(head)")
            if check.reason == nil {
                #expect(head.contains("Sec-WebSocket-Accept: \(Self.sampleAccept)"), "curl: \(head)")
            }
        }

        @Test func wssThroughAnInspectionProxyIsIntercepted() async throws {
            // The inspected server speaks HTTPS only, but the TLS verdict comes first and names the issuer.
            let uri = "wss://tls-inspected.lab.netready.test/ws"
            let output = try await Lab.netready(
                ["check", uri, "--format", "json", "--samples", "1", "--ca-file", Self.caFile])
            let probe = try #require(try ReportProbes(output)[uri])
            #expect(probe["reason"] as? String == "tls.intercepted")
            #expect((probe["message"] as? String)?.contains("Lab Inspection Proxy CA") == true)
        }

        @Test func closedPortKeepsTheTCPReason() async throws {
            let uri = "ws://198.18.0.2:8010/ws"
            let output = try await Lab.netready(["check", uri, "--format", "json", "--samples", "1"])
            #expect(try ReportProbes(output)[uri]?["reason"] as? String == "tcp.refused")
        }
    }
}
