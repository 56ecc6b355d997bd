import NetReadyPosix
import NetReadyTLS

/// A connected byte stream for request/response probes: a plain socket or a TLS connection over one.
enum ByteStream {
    case plain(Socket)
    case tls(TLSConnection)

    /// Why a read or write did not complete.
    enum Failure: Error {
        case timedOut
        case closed
        case failed(String)
    }

    /// Sends all of `bytes` before `deadline`.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) async throws(Failure) {
        switch self {
        case .tls(let connection):
            do { try await connection.write(bytes, deadline: deadline) } catch { throw Self.failure(error) }
        case .plain(let socket):
            var rest = bytes[...]
            while !rest.isEmpty {
                let sent: IOResult<Int>
                do { sent = try socket.send(Array(rest)) } catch { throw .failed(error.description) }
                switch sent {
                case .processed(let count): rest = rest.dropFirst(count)
                case .wouldBlock: try await Self.wait(socket.waitWritable(timeout: deadline - .now))
                }
            }
        }
    }

    /// Reads at least one byte before `deadline`.
    func read(maxBytes: Int, deadline: ContinuousClock.Instant) async throws(Failure) -> [UInt8] {
        switch self {
        case .tls(let connection):
            do { return try await connection.read(maxBytes: maxBytes, deadline: deadline) } catch {
                throw Self.failure(error)
            }
        case .plain(let socket):
            while true {
                let read: IOResult<[UInt8]>
                do { read = try socket.read(maxBytes: maxBytes) } catch { throw .failed(error.description) }
                switch read {
                case .processed(let bytes) where bytes.isEmpty: throw .closed
                case .processed(let bytes): return bytes
                case .wouldBlock: try await Self.wait(socket.waitReadable(timeout: deadline - .now))
                }
            }
        }
    }

    private static func wait(_ readiness: ReadinessResult) throws(Failure) {
        switch readiness {
        case .ready: return
        case .timedOut: throw .timedOut
        case .cancelled: throw .failed("cancelled")
        }
    }

    private static func failure(_ error: TLSError) -> Failure {
        error.isClosed ? .closed : error.isTimeout ? .timedOut : .failed(error.description)
    }
}
