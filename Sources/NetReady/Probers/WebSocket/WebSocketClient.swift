import Foundation
import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// Makes one WebSocket upgrade attempt: connect, TLS for `wss`, request, and the head of the answer.
struct WebSocketClient: Sendable {
    let probe: PlannedProbe
    let tls: TLSAttemptSettings?
    /// The proxy to tunnel through (the attempt's address is then the proxy's), or nil to connect directly.
    var tunnel: ProxyTunnel?

    /// The `Host:` header: the host, with the port when it is not the scheme's default.
    var hostHeader: String {
        let uri = probe.uri
        return uri.hasExplicitPort && uri.port != uri.kind.defaultPort
            ? "\(uri.bracketedHost):\(uri.port ?? 0)" : uri.bracketedHost
    }

    /// The whole attempt fits in the probe's timeout.
    func attempt(
        _ address: SocketAddress, source: SocketAddress?, interface: String?
    ) async
        -> WebSocketAttemptOutcome
    {
        let deadline = ContinuousClock.now.advanced(by: probe.timeout)
        let connection: StreamConnection
        let opening: Result<StreamConnection, TLSAttemptOutcome.Failure>
        if let tunnel {
            let authority = "\(probe.uri.bracketedHost):\(probe.uri.port ?? 0)"
            switch await tunnel.open(
                to: authority, via: address, source: source, interface: interface, deadline: deadline)
            {
            case .failure(let failure): return .proxyFailed(failure)
            case .success(let opened):
                opening = await StreamConnection.start(
                    over: opened.socket, connectTime: opened.setupTime, tls: tls, deadline: deadline)
            }
        } else {
            opening = await StreamConnection.open(
                to: address, source: source, interface: interface, tls: tls, deadline: deadline)
        }
        switch opening {
        case .failure(let failure): return .notConnected(failure.outcome)
        case .success(let opened): connection = opened
        }
        defer { connection.close() }
        let start = ContinuousClock.now
        let (answer, _) = await WebSocketHandshake.upgrade(
            over: connection.stream, host: hostHeader, target: probe.uri.requestTarget, deadline: deadline,
            timeout: probe.timeout)
        return .connected(
            connect: connection.connectTime, session: connection.session, answer: answer, upgrade: .now - start)
    }
}
