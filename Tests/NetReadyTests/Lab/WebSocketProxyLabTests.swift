import Foundation
import Testing

extension LabTests {
    /// ws/wss probes through the lab's tinyproxy instances (open :3128, Basic auth :3129), as a browser sends
    /// them (issue 16 item 5); the proxy's own log shows the tunnel was asked for, and the credentials of the
    /// proxy URL appear in no output format.
    @Suite(.timeLimit(.minutes(5))) struct WebSocketProxyLabTests {
        static let caFile = "/tmp/netready-lab/ca/lab-ca.pem"
        static let uri = "wss://198.18.0.2:8443/ws"
        static let openProxy = "http://198.18.0.2:3128"
        static let authProxy = "http://198.18.0.2:3129"
        static let withCredentials = "http://probe:labsecret@198.18.0.2:3129"
        /// The password, and the Basic credentials as base64 ("probe:labsecret").
        static let secrets = ["labsecret", "probe:labsecret", "cHJvYmU6bGFic2VjcmV0"]

        static func probe(
            _ uri: String = uri, arguments: [String] = [], environment: [String: String] = [:]
        ) async throws -> [String: Any] {
            let output = try await run(uri, arguments + ["--format", "json"], environment: environment)
            return try #require(try ReportProbes(output)[uri], "stdout: \(output.stdout) stderr: \(output.stderr)")
        }

        static func run(
            _ uri: String, _ arguments: [String], environment: [String: String] = [:]
        ) async throws -> NetReadyBinary.Output {
            try await Lab.ensureUp()
            return try await NetReadyBinary.run(
                ["check", uri, "--samples", "2", "--timeout", "3s", "--ca-file", caFile] + arguments,
                environment: environment, prefix: ["/usr/sbin/ip", "netns", "exec", Lab.client])
        }

        @Test func wssThroughTheOpenProxyPassesAndNamesIt() async throws {
            let probe = try await Self.probe(arguments: ["--proxy", Self.openProxy])
            #expect(probe["status"] as? String == "pass", "message: \(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["proxy"] as? String == Self.openProxy)
            #expect((details["upgrade"] as? [String: Any])?["status"] as? Int == 101)
            #expect((details["issuer"] as? String)?.contains("NetReady Lab Root CA") == true)
            #expect(probe["address"] as? String == "198.18.0.2:3128")
            // Ground truth: tinyproxy logged the CONNECT to the WebSocket endpoint.
            let log = try String(contentsOfFile: "/tmp/netready-lab/log/proxy-open.log", encoding: .utf8)
            #expect(log.contains("CONNECT 198.18.0.2:8443"), "proxy log: \(log.suffix(600))")
        }

        @Test func theProxyEnvironmentIsHonouredAndNOPROXYBypassesIt() async throws {
            let proxied = try await Self.probe(environment: ["HTTPS_PROXY": Self.openProxy])
            #expect(proxied["status"] as? String == "pass", "message: \(proxied["message"] ?? "")")
            #expect((proxied["details"] as? [String: Any])?["proxy"] as? String == Self.openProxy)
            let bypassed = try await Self.probe(
                environment: ["HTTPS_PROXY": Self.authProxy, "NO_PROXY": "198.18.0.0/24"])
            #expect(bypassed["status"] as? String == "pass", "message: \(bypassed["message"] ?? "")")
            #expect((bypassed["details"] as? [String: Any])?["proxy"] == nil)
            #expect(bypassed["address"] as? String == "198.18.0.2:8443")
        }

        @Test func theAuthenticatingProxyWithoutCredentialsIsHTTPProxy() async throws {
            let probe = try await Self.probe(arguments: ["--proxy", Self.authProxy])
            #expect(probe["reason"] as? String == "http.proxy", "message: \(probe["message"] ?? "")")
            let message = probe["message"] as? String ?? ""
            #expect(message.contains("407") && message.contains(Self.authProxy), "\(message)")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["proxy_connect_status"] as? Int == 407)
        }

        @Test func aPortTheProxyDoesNotTunnelToIsItsRefusal() async throws {
            // tinyproxy allows CONNECT only to its ConnectPorts; kamailio's wss :8061 is not one (403).
            let uri = "wss://198.18.0.2:8061/"
            let probe = try await Self.probe(uri, arguments: ["--proxy", Self.openProxy])
            #expect(probe["reason"] as? String == "http.proxy", "message: \(probe["message"] ?? "")")
            #expect((probe["message"] as? String ?? "").contains("403"))
        }

        @Test(arguments: [
            "turn:198.18.0.2:3478?transport=tcp", "turns:198.18.0.2:5349", "stun:198.18.0.2:3478?transport=tcp",
            "stuns:198.18.0.2:5349",
        ])
        func turnAndSTUNOverTCPAndTLSGoThroughTheProxy(_ uri: String) async throws {
            let probe = try await Self.probe(uri, arguments: ["--proxy", Self.withCredentials])
            #expect(probe["status"] as? String == "pass", "message: \(probe["message"] ?? "")")
            #expect((probe["details"] as? [String: Any])?["proxy"] as? String == "http://***@198.18.0.2:3129")
            #expect(!(probe["message"] as? String ?? "").contains("labsecret"))
            let port = uri.contains(":5349") ? "5349" : "3478"
            let log = try String(contentsOfFile: "/tmp/netready-lab/log/proxy-auth.log", encoding: .utf8)
            #expect(log.contains("CONNECT 198.18.0.2:\(port)"), "proxy log: \(log.suffix(600))")
        }

        @Test func credentialsInTheProxyURLPassAndAppearInNoOutput() async throws {
            let probe = try await Self.probe(arguments: ["--proxy", Self.withCredentials])
            #expect(probe["status"] as? String == "pass", "message: \(probe["message"] ?? "")")
            #expect((probe["details"] as? [String: Any])?["proxy"] as? String == "http://***@198.18.0.2:3129")

            for format in ["json", "ndjson", "html", "junit", "prometheus", "table", "firewall"] {
                for (arguments, environment) in [
                    (["--proxy", Self.withCredentials], [String: String]()),
                    ([], ["HTTPS_PROXY": Self.withCredentials]),
                ] {
                    let output = try await Self.run(
                        Self.uri, arguments + ["--format", format, "--verbose"], environment: environment)
                    #expect(output.status == 0, "\(format): \(output.stderr)")
                    for secret in Self.secrets {
                        #expect(!output.stdout.contains(secret), "\(secret) in \(format) output")
                        #expect(!output.stderr.contains(secret), "\(secret) in --verbose stderr (\(format))")
                    }
                }
            }
        }
    }
}
