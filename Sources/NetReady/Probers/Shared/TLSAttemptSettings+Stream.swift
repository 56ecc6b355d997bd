import NetReadyPosix
import NetReadyTLS

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
