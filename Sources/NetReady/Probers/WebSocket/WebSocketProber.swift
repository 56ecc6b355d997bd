import Foundation
import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// `ws://` and `wss://`: the RFC 6455 opening handshake, over a plain socket or netready's TLS connection.
///
/// Passes on `101 Switching Protocols` with the right `Sec-WebSocket-Accept`; any other answer is `ws.upgrade`,
/// naming the status received. For `wss://` the TLS handshake is judged first, with the same reasons and details
/// as a `tls://` probe (the issuer included); TCP failures keep their `tcp.*` reasons.
package struct WebSocketProber: Prober {
    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        guard let path = await ProxyTunnel.path(for: probe, context: context, into: &result) else { return result }
        var tunnel: ProxyTunnel?
        let address: SocketAddress
        switch path {
        case .direct:
            guard let first = await probe.firstAddress(into: &result, context: context) else { return result }
            address = first
        case .tunnel(let chosen, let proxyAddress):
            // The proxy resolves the host, as it does for a browser; the probe connects to the proxy.
            tunnel = chosen
            address = proxyAddress
            result.address = proxyAddress.description
        }
        var settings: TLSAttemptSettings?
        if probe.uri.kind == .wss {
            guard let made = TLSAttemptSettings.make(for: probe, options: context.options, into: &result) else {
                return result
            }
            settings = made
        }
        let client = WebSocketClient(probe: probe, tls: settings, tunnel: tunnel)
        let source = probe.sourceAddress(for: address, options: context.options)
        let outcomes = await probe.sampleSequentially(
            address, context: context, into: &result, notRun: WebSocketAttemptOutcome.notConnected(.notRun),
            attempt: { await client.attempt(address, source: source, interface: context.options.interface) },
            describe: { ($0.upgradeTime?.milliseconds, $0.word) })
        WebSocketVerdict(probe: probe, tls: settings, trustFiles: context.options.caFiles, proxy: tunnel?.name)
            .judge(outcomes, address: address, into: &result)
        return result
    }
}

/// How a WebSocket server answered the upgrade request.
enum UpgradeAnswer: Sendable {
    /// `101` with the right `Sec-WebSocket-Accept`.
    case switched(HTTPResponseHead)
    /// Any other HTTP answer (a 200 from a plain web server, a 403 from a proxy, a 101 with a wrong accept value).
    case refused(HTTPResponseHead, why: String)
    /// No answer, or not HTTP: the words say which.
    case broken(String, timedOut: Bool)
}

/// One attempt: connection (TCP, then TLS for `wss`), then the upgrade.
enum WebSocketAttemptOutcome: Sendable {
    /// The connection failed before any HTTP was sent, as a TLS probe would report it.
    case notConnected(TLSAttemptOutcome)
    /// Connected (and for `wss`, shook hands); the upgrade answer took `upgrade`.
    case connected(connect: Duration, session: TLSSessionInfo?, answer: UpgradeAnswer, upgrade: Duration)
    /// The proxy could not be reached or refused the tunnel.
    case proxyFailed(ProxyTunnel.Failure)

    var word: String {
        switch self {
        case .proxyFailed(let failure): failure.word
        case .notConnected(let outcome): outcome.word
        case .connected(_, _, .switched, _): "101"
        case .connected(_, _, .refused(let head, _), _): "\(head.status)"
        case .connected(_, _, .broken(_, let timedOut), _): timedOut ? "timeout" : "no-http"
        }
    }

    var upgradeTime: Duration? {
        if case .connected(_, _, _, let upgrade) = self { return upgrade }
        return nil
    }
}
