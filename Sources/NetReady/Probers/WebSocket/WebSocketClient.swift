import Foundation
import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// Makes one WebSocket upgrade attempt: connect, TLS for `wss`, request, and the head of the answer.
struct WebSocketClient: Sendable {
    let probe: PlannedProbe
    let tls: TLSAttemptSettings?

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
        switch await StreamConnection.open(
            to: address, source: source, interface: interface, tls: tls, deadline: deadline)
        {
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
