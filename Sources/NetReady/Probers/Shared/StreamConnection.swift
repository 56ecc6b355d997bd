import NetReadyPosix
import NetReadyTLS

/// A connected stream for request/response probes: TCP, plus a completed TLS handshake when settings are given.
struct StreamConnection {
    let stream: ByteStream
    let socket: Socket
    /// The TCP connect time.
    let connectTime: Duration
    /// The TLS session, for a TLS connection.
    let session: TLSSessionInfo?

    /// Connects to `address` and, with `tls`, shakes hands; both fit before `deadline`.
    ///
    /// - Returns: the open connection (the caller closes it), or how the attempt failed, in a TLS probe's terms.
    static func open(
        to address: SocketAddress, source: SocketAddress?, interface: String?, tls: TLSAttemptSettings?,
        deadline: ContinuousClock.Instant
    ) async -> Result<StreamConnection, TLSAttemptOutcome.Failure> {
        let (result, socket) = await TCPConnect.open(
            to: address, source: source, interface: interface, timeout: deadline - .now)
        guard let socket, case .connected(let connectTime) = result else {
            return .failure(.init(.tcp(TCPConnectObservation(result))))
        }
        return await start(over: socket, connectTime: connectTime, tls: tls, deadline: deadline)
    }

    /// Makes a connected socket (direct, or a proxy tunnel that took `connectTime` to open) the probe's stream:
    /// as it is, or after a TLS handshake with `tls`. The socket is closed when the handshake fails.
    static func start(
        over socket: Socket, connectTime: Duration, tls: TLSAttemptSettings?, deadline: ContinuousClock.Instant
    ) async -> Result<StreamConnection, TLSAttemptOutcome.Failure> {
        guard let tls else {
            return .success(
                StreamConnection(stream: .plain(socket), socket: socket, connectTime: connectTime, session: nil))
        }
        switch await tls.handshake(over: socket, connectTime: connectTime, deadline: deadline) {
        case .failed(let outcome):
            socket.close()
            return .failure(.init(outcome))
        case .ready(let connection, let session):
            return .success(
                StreamConnection(stream: .tls(connection), socket: socket, connectTime: connectTime, session: session))
        }
    }

    /// Ends TLS politely, then closes the socket.
    func close() {
        if case .tls(let connection) = stream { connection.shutdown() }
        socket.close()
    }
}

extension TLSAttemptOutcome {
    /// A connection attempt that did not get as far as a usable stream, as an `Error` for `Result`.
    struct Failure: Error {
        let outcome: TLSAttemptOutcome
        init(_ outcome: TLSAttemptOutcome) { self.outcome = outcome }
    }
}
