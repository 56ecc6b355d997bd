import NetReadyPosix
import NetReadyTLS

/// A TCP connection, wrapped in TLS when the probe asks for it, ready for a request/response exchange.
struct StreamConnection {
    let socket: Socket
    let stream: ByteStream
    /// How long the TCP connect took.
    let connectTime: Duration
    /// The TLS session, when the connection runs TLS.
    let session: TLSSessionInfo?

    /// What opening found: a connection, or how it failed in a TLS probe's terms (`tcp.*`, handshake failure).
    enum Opened {
        case connected(StreamConnection)
        case failed(TLSAttemptOutcome)
    }

    /// Connects to `address` and, with `tls`, shakes hands; both fit before `deadline`.
    static func open(
        to address: SocketAddress, source: SocketAddress?, interface: String?, tls: TLSAttemptSettings?,
        deadline: ContinuousClock.Instant
    ) async -> Opened {
        let (result, socket) = await TCPConnect.open(
            to: address, source: source, interface: interface, timeout: deadline - .now)
        guard let socket, case .connected(let connectTime) = result else {
            return .failed(.tcp(TCPConnectObservation(result)))
        }
        guard let tls else {
            return .connected(
                StreamConnection(socket: socket, stream: .plain(socket), connectTime: connectTime, session: nil))
        }
        let connection: TLSConnection
        do {
            connection = try TLSConnection(
                socket: socket, context: tls.context, serverName: tls.serverName, expectedName: tls.expectedName,
                alpn: tls.alpn)
        } catch {
            socket.close()
            return .failed(.local(error.description))
        }
        switch await connection.handshake(timeout: deadline - .now) {
        case .failed(let failure):
            socket.close()
            return .failed(.handshake(connect: connectTime, .failed(failure)))
        case .completed(let info):
            return .connected(
                StreamConnection(socket: socket, stream: .tls(connection), connectTime: connectTime, session: info))
        }
    }

    /// Ends TLS politely, then closes the socket.
    func close() {
        if case .tls(let connection) = stream { connection.shutdown() }
        socket.close()
    }
}
