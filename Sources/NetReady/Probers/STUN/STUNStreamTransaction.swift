import NetReadyPosix
import NetReadyWire

/// One STUN request over a TCP or TLS stream (RFC 8489 section 6.2.2): no retransmission, messages framed by the
/// length field of their header.
///
/// A well-framed message for another transaction is remembered and the read goes on; bytes that are not STUN end
/// the transaction at once (the framing is lost), as does the server closing the stream.
struct STUNStreamTransaction: Sendable {
    let request: STUNMessage
    /// The server the stream is connected to, recorded as the answer's source.
    let server: SocketAddress
    let deadline: ContinuousClock.Instant

    /// The largest STUN message: a 20-byte header and a 16-bit length.
    static let maxMessageBytes = 20 + 65_535

    /// Sends the request over `stream` and reads until an answer, the deadline or the end of the stream.
    func run(over stream: ByteStream) async -> STUNTransactionOutcome {
        let start = ContinuousClock.now
        var silence = STUNSilence(elapsed: .zero, transmissions: 1)
        var buffer: [UInt8] = []
        do throws(ByteStream.Failure) {
            try await stream.write(request.encoded(), deadline: deadline)
            while true {
                while let length = Self.frameLength(buffer) {
                    guard length <= buffer.count else { break }
                    let frame = Array(buffer.prefix(length))
                    buffer.removeFirst(length)
                    switch STUNAnswer.validate(frame, from: server, answering: request) {
                    case .success(let message):
                        return .answered(
                            STUNAnswer(message: message, source: server, roundTrip: .now - start, transmissions: 1))
                    case .failure(let why):
                        silence.invalid.append(why)
                    }
                }
                if buffer.count >= 20, Self.frameLength(buffer) == nil {
                    silence.invalid.append(.notSTUN(buffer.count))
                    break
                }
                buffer += try await stream.read(maxBytes: 4096, deadline: deadline)
            }
        } catch {
            switch error {
            case .timedOut:
                if !buffer.isEmpty {
                    silence.invalid.append(.malformed("\(buffer.count) bytes of an unfinished message"))
                }
            case .closed:
                silence.streamEnded = "the server closed the connection"
                if !buffer.isEmpty { silence.invalid.append(.truncated(buffer.count)) }
            case .failed(let words):
                silence.streamEnded = "the connection failed: \(words)"
            }
        }
        silence.elapsed = .now - start
        return .unanswered(silence)
    }

    /// The length of the message at the start of `buffer` (header included), nil when the first 20 bytes are not a
    /// STUN header or fewer than 20 bytes are there. A length that is not a multiple of 4 is returned as it is and
    /// rejected by the decoder.
    static func frameLength(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 20, STUNMessage.looksLikeSTUN(Array(buffer.prefix(20))) else { return nil }
        return 20 + (Int(buffer[2]) << 8 | Int(buffer[3]))
    }
}
