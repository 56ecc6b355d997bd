import NetReadyPosix
import NetReadyTLS

/// A TLS handshake over an already connected socket, for probers that speak a protocol over TLS.
enum TLSStreamSetup {
    /// The connection and its session, or the attempt's outcome when it did not come up.
    case ready(TLSConnection, TLSSessionInfo)
    case failed(TLSAttemptOutcome)
}

extension TLSAttemptSettings {
    /// Shakes hands over `socket` (TCP connected in `connectTime`) before `deadline`.
    func handshake(
        over socket: Socket, connectTime: Duration, deadline: ContinuousClock.Instant
    ) async -> TLSStreamSetup {
        let connection: TLSConnection
        do {
            connection = try TLSConnection(
                socket: socket, context: context, serverName: serverName, expectedName: expectedName, alpn: alpn)
        } catch {
            return .failed(.local(error.description))
        }
        switch await connection.handshake(timeout: deadline - .now) {
        case .failed(let failure): return .failed(.handshake(connect: connectTime, .failed(failure)))
        case .completed(let info): return .ready(connection, info)
        }
    }
}
