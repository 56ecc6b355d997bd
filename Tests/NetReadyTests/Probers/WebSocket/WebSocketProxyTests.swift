import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

/// ws/wss probes through an HTTP proxy (issue 16 item 5), against real loopback proxies that refuse or never
/// answer: the CONNECT request a browser would send, `http.proxy` naming the proxy, and no credential in any
/// result text. The tunnel that opens is shown in the lab (tinyproxy).
@Suite(.timeLimit(.minutes(3))) struct WebSocketProxyTests {
    static let timeout: Duration = .seconds(10)

    func probe(_ uri: String, proxy: String, timeout: Duration = timeout) async throws -> ProbeResult {
        let files = try TargetLoader.load(arguments: [uri], profiles: [:], environment: [:])
        var options = RunOptions()
        options.samples = 1
        options.timeout = timeout
        options.proxy = proxy
        let outcome = await Runner(resolver: SystemHostResolver(), options: options).run(
            Plan(files: files, options: options))
        return try #require(outcome.results.first)
    }

    /// Everything a report could show of a result.
    static func text(_ result: ProbeResult) throws -> String {
        let details = String(decoding: try JSONEncoder().encode(result.observations), as: UTF8.self)
        return result.message + " " + details + " " + result.attempts.map(\.outcome).joined(separator: " ")
    }

    @Test func aProxyAnswering407IsHTTPProxyAndTheCredentialsAreSentButNeverShown() async throws {
        let proxy = try LoopbackHTTPReceiver(status: 407)
        defer { proxy.stop() }
        let result = try await probe("wss://127.0.0.1:9/ws", proxy: "http://us%20er:p%40sswd@127.0.0.1:\(proxy.port)")
        #expect(result.status == .fail)
        #expect(result.reason == .httpProxy, "\(result.message)")
        #expect(result.message.contains("http://***@127.0.0.1:\(proxy.port)"), "\(result.message)")
        #expect(result.message.contains("407") && result.message.contains("rejected the credentials"))
        #expect(result.observations.proxyTunnel?.proxy == "http://***@127.0.0.1:\(proxy.port)")
        #expect(result.observations.proxyTunnel?.connectStatus == 407)
        let text = try Self.text(result)
        for secret in ["us%20er", "us er", "p%40sswd", "p@sswd", "dXMgZXI6cEBzc3dk"] {
            #expect(!text.contains(secret), "\(secret) in \(text)")
        }

        let request = try #require(proxy.requests.first)
        #expect(request.head.hasPrefix("CONNECT 127.0.0.1:9 HTTP/1.1\r\n"), "\(request.head)")
        #expect(request.header("Host") == "127.0.0.1:9")
        // base64("us er:p@sswd"): the userinfo %-decoded, as libcurl and browsers send it.
        #expect(request.header("Proxy-Authorization") == "Basic dXMgZXI6cEBzc3dk")
    }

    @Test func aProxyAnswering407WithoutCredentialsAsksForThem() async throws {
        let proxy = try LoopbackHTTPReceiver(status: 407)
        defer { proxy.stop() }
        let result = try await probe("ws://[::1]:9/ws", proxy: "127.0.0.1:\(proxy.port)")
        #expect(result.reason == .httpProxy, "\(result.message)")
        #expect(result.message.contains("the proxy 127.0.0.1:\(proxy.port) requires authentication (407"))
        let request = try #require(proxy.requests.first)
        #expect(request.head.hasPrefix("CONNECT [::1]:9 HTTP/1.1\r\n"), "\(request.head)")
        #expect(request.header("Proxy-Authorization") == nil)
    }

    @Test func aProxyRefusingCONNECTWith403IsHTTPProxy() async throws {
        let proxy = try LoopbackHTTPReceiver(status: 403)
        defer { proxy.stop() }
        let result = try await probe("ws://127.0.0.1:9/ws", proxy: "http://127.0.0.1:\(proxy.port)")
        #expect(result.reason == .httpProxy, "\(result.message)")
        #expect(result.message.contains("refused CONNECT 127.0.0.1:9 (403"), "\(result.message)")
    }

    @Test func a401ToCredentialsSaysTheyWereRejected() async throws {
        // tinyproxy answers wrong credentials with 401, not 407.
        let proxy = try LoopbackHTTPReceiver(status: 401)
        defer { proxy.stop() }
        let result = try await probe("ws://127.0.0.1:9/ws", proxy: "http://user:wrongword@127.0.0.1:\(proxy.port)")
        #expect(result.reason == .httpProxy, "\(result.message)")
        #expect(result.message.contains("rejected the credentials in the proxy URL (401"), "\(result.message)")
    }

    @Test func aProxyThatNeverAnswersIsHTTPProxyWithinTheTimeout() async throws {
        let proxy = try LoopbackHTTPReceiver(status: nil)
        defer { proxy.stop() }
        let timeout: Duration = .seconds(1)
        let start = ContinuousClock.now
        let result = try await probe("ws://127.0.0.1:9/ws", proxy: "http://127.0.0.1:\(proxy.port)", timeout: timeout)
        #expect(result.reason == .httpProxy, "\(result.message)")
        #expect(result.message.contains("did not answer CONNECT"), "\(result.message)")
        #expect(ContinuousClock.now - start < TimeBound.notHung(after: timeout))
    }

    @Test func aProxyThatRefusesTheConnectionIsHTTPProxyNamingIt() async throws {
        let port = try LoopbackListener.closedPort()
        let result = try await probe("wss://127.0.0.1:9/ws", proxy: "http://u:secretword@127.0.0.1:\(port)")
        #expect(result.reason == .httpProxy, "\(result.message)")
        #expect(result.message.contains("the proxy http://***@127.0.0.1:\(port) refused the connection"))
        #expect(!(try Self.text(result)).contains("secretword"))
    }

    @Test func aSOCKSProxyIsSaidToBeUnsupported() async throws {
        let result = try await probe("ws://127.0.0.1:9/ws", proxy: "socks5://user:secretword@127.0.0.1:1080")
        #expect(result.status == .error)
        #expect(result.message.contains("socks5 proxy") && result.message.contains("http://"), "\(result.message)")
        #expect(!result.message.contains("secretword"))
    }

    @Test func theRouteFollowsTheProxySelection() {
        let environment = ["http_proxy": "http://plain:3128", "HTTPS_PROXY": "http://secure:3129", "NO_PROXY": ".lan"]
        func proxy(_ scheme: String, _ host: String) -> String? {
            if case .tunnel(let tunnel) = ProxyTunnel.route(
                scheme: scheme, host: host, option: nil, environment: environment)
            {
                return "\(tunnel.host):\(tunnel.port)"
            }
            return nil
        }
        #expect(proxy("ws", "example.com") == "plain:3128")
        #expect(proxy("wss", "example.com") == "secure:3129")
        #expect(proxy("wss", "box.lan") == nil)
        guard case .tunnel(let bare) = ProxyTunnel.parse("[fd00::1]") else {
            Issue.record("an IPv6 proxy without a port did not parse")
            return
        }
        #expect(bare.host == "fd00::1" && bare.port == 1080)
        guard case .unsupported = ProxyTunnel.parse("https://proxy:443") else {
            Issue.record("an https proxy was accepted")
            return
        }
    }
}
