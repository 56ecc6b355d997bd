import Foundation
import Testing

@testable import NetReady

/// `turn:` and `stun:` over TCP/TLS through an HTTP proxy (issue 16 item 5), against a real loopback proxy that
/// refuses: the tunnel is asked for, and its refusal is `http.proxy`. The tunnel that opens is shown in the lab.
@Suite(.timeLimit(.minutes(3))) struct ProxyTunnelProbeTests {
    func probe(_ uri: String, proxy: String) async throws -> ProbeResult {
        let files = try TargetLoader.load(arguments: [uri], profiles: [:], environment: [:])
        var options = RunOptions()
        options.samples = 1
        options.timeout = .seconds(10)
        options.proxy = proxy
        let outcome = await Runner(resolver: SystemHostResolver(), options: options).run(
            Plan(files: files, options: options))
        return try #require(outcome.results.first)
    }

    @Test(arguments: [
        "turn:127.0.0.1:9?transport=tcp", "turns:127.0.0.1:9", "stun:127.0.0.1:9?transport=tcp", "stuns:127.0.0.1:9",
    ])
    func aRefusedTunnelIsHTTPProxy(_ uri: String) async throws {
        let proxy = try LoopbackHTTPReceiver(status: 407)
        defer { proxy.stop() }
        let result = try await probe(uri, proxy: "http://user:secretword@127.0.0.1:\(proxy.port)")
        #expect(result.reason == .httpProxy, "\(result.message)")
        #expect(result.message.contains("http://***@127.0.0.1:\(proxy.port)"), "\(result.message)")
        #expect(!result.message.contains("secretword"))
        #expect(result.observations.proxyTunnel?.connectStatus == 407)
        #expect(result.attempts.first?.outcome == "proxy-407")
        let request = try #require(proxy.requests.first)
        #expect(request.head.hasPrefix("CONNECT 127.0.0.1:9 HTTP/1.1\r\n"), "\(request.head)")
    }
}
