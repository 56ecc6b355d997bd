import Foundation
import NetReadyPosix
import NetReadyTLS
import Synchronization

/// What a TLS attempt needs besides the address: trust anchors, names, ALPN and the time allowed.
struct TLSAttemptSettings: Sendable {
    let context: TLSContext
    let serverName: String?
    let expectedName: String
    let alpn: [String]

    init(probe: PlannedProbe, context: TLSContext) {
        self.context = context
        let host = probe.uri.host
        serverName = probe.spec.sni ?? (probe.uri.hostIsIPAddress ? nil : host)
        expectedName = probe.spec.sni ?? host
        // A WebSocket upgrade is HTTP/1.1: say so, or an h2-preferring server might pick a protocol with no Upgrade.
        alpn = probe.spec.alpn.isEmpty && probe.uri.kind == .wss ? ["http/1.1"] : probe.spec.alpn
    }

    /// Connects and shakes hands once; the whole attempt, connect plus handshake, fits in `timeout`.
    func attempt(
        _ address: SocketAddress, source: SocketAddress?, interface: String?, timeout: Duration
    ) async
        -> TLSAttemptOutcome
    {
        let start = ContinuousClock.now
        let (result, socket) = await TCPConnect.open(
            to: address, source: source, interface: interface, timeout: timeout)
        guard let socket, case .connected(let connectTime) = result else {
            return .tcp(TCPConnectObservation(result))
        }
        defer { socket.close() }
        let connection: TLSConnection
        do {
            connection = try TLSConnection(
                socket: socket, context: context, serverName: serverName, expectedName: expectedName, alpn: alpn)
        } catch {
            return .local(error.description)
        }
        let outcome = await connection.handshake(timeout: timeout - (ContinuousClock.now - start))
        if case .completed = outcome { connection.shutdown() }
        return .handshake(connect: connectTime, outcome)
    }
}
