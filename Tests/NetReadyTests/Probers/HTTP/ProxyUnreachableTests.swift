import Foundation
import NetReadyTestSupport
import Testing

/// A proxy that is down is the proxy's failure: `http.proxy` naming the proxy (without its credentials), not a
/// `tcp.refused` that reads as if the destination refused.
@Suite(.timeLimit(.minutes(2))) struct ProxyUnreachableTests {
    @Test(arguments: ["option", "environment"])
    func aProxyThatRefusesIsNamed(_ how: String) async throws {
        let web = try LoopbackListener()
        let proxyPort = try LoopbackListener.closedPort()
        let proxy = "http://proxyUserX:proxyPassY@127.0.0.1:\(proxyPort)"
        var arguments = ["check", "https://127.0.0.1:\(web.port)/", "--format", "json", "--timeout", "10s"]
        var environment = ["NO_PROXY": "", "no_proxy": "", "HTTPS_PROXY": "", "https_proxy": "", "ALL_PROXY": ""]
        if how == "option" {
            arguments += ["--proxy", proxy]
        } else {
            environment["HTTPS_PROXY"] = proxy
        }
        let run = try await NetReadyBinary.run(arguments, environment: environment)
        let targets = try run.json()["targets"] as? [[String: Any]]
        let probe = try #require((targets?.first?["probes"] as? [[String: Any]])?.first, "\(run.stdout)\n\(run.stderr)")
        #expect(probe["reason"] as? String == "http.proxy", "\(probe)")
        let message = probe["message"] as? String ?? ""
        #expect(message.contains("the proxy http://***@127.0.0.1:\(proxyPort) refused the connection"), "\(message)")
        #expect(!run.stdout.contains("proxyPassY") && !run.stderr.contains("proxyPassY"))
        #expect(!run.stdout.contains("proxyUserX") && !run.stderr.contains("proxyUserX"))
        #expect(run.status == 1)
    }
}
