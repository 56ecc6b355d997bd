internal import COpenSSL
import NetReadyPosix

extension TLSConnection {
    /// Sends all of `bytes` as application data, waiting for the socket as OpenSSL needs.
    ///
    /// - Throws: ``TLSError`` when the peer goes away, OpenSSL fails, or `deadline` passes first.
    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) async throws(TLSError) {
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            let status = bytes[offset...].withUnsafeBytes { SSL_write(pointer, $0.baseAddress, Int32($0.count)) }
            if status > 0 {
                offset += Int(status)
                continue
            }
            try await waitOrThrow(status: status, deadline: deadline)
        }
    }

    /// Reads up to `maxBytes` of application data.
    ///
    /// - Returns: at least one byte.
    /// - Throws: ``TLSError/closed`` when the peer closed the connection, or another ``TLSError``.
    public func read(maxBytes: Int, deadline: ContinuousClock.Instant) async throws(TLSError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(maxBytes, 1))
        while true {
            ERR_clear_error()
            let status = buffer.withUnsafeMutableBytes { SSL_read(pointer, $0.baseAddress, Int32($0.count)) }
            if status > 0 {
                return Array(buffer.prefix(Int(status)))
            }
            try await waitOrThrow(status: status, deadline: deadline)
        }
    }

    private func waitOrThrow(status: Int32, deadline: ContinuousClock.Instant) async throws(TLSError) {
        switch step(status: status) {
        case .wait(let readiness):
            switch await readiness(deadline - .now) {
            case .ready: return
            case .timedOut: throw .timedOut
            case .cancelled: throw .io("cancelled")
            }
        case .failed(.closed, _):
            throw .closed
        case .failed(_, let detail):
            throw .io(detail)
        }
    }
}
