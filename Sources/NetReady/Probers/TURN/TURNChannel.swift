import NetReadyPosix
import NetReadyWire

/// The client's path to a TURN server: a connected UDP socket, or a TCP/TLS byte stream on which
/// STUN messages are framed by their own length field (RFC 8656 section 3.1).
///
/// One ``transact(_:integrityKey:deadline:)`` call is one STUN transaction: over UDP it
/// retransmits with RFC 8489's timer (RTO 500 ms, doubling) until the deadline; it returns the
/// response with the request's transaction ID. Indications (Data) that arrive meanwhile are kept
/// for ``nextIndication(deadline:)``; anything else is noted as invalid and ignored, so a
/// hostile server's garbage turns into `stun.protocol` rather than a hang.
final class TURNChannel {
    /// How a transaction or read ended without a valid message.
    enum Failure: Error, Sendable {
        /// Nothing valid arrived before the deadline; `invalid` describes what did arrive, if anything.
        case timedOut(invalid: String?)
        /// The connection closed, reset or failed; the words say how.
        case broken(String)
        /// The stream carried bytes that are not STUN, so its framing is lost.
        case garbage(String)
    }

    /// A response to a request, with its raw bytes (for MESSAGE-INTEGRITY) and round-trip time.
    struct Response {
        let message: STUNMessage
        let bytes: [UInt8]
        let roundTrip: Duration
    }

    /// A message and when it arrived: the kernel's receive timestamp over UDP (when enabled on the socket), the
    /// instant the read that completed it returned over a stream.
    struct Arrival {
        let message: STUNMessage
        let at: ContinuousClock.Instant
    }

    /// RFC 8489 section 6.2.1: the initial retransmission timeout.
    static let initialRTO: Duration = .milliseconds(500)
    /// The largest message read at once; STUN over UDP must fit a datagram anyway.
    static let maxMessageBytes = 65_535 + 20

    private enum Path {
        case datagram(Socket)
        case stream(ByteStream)
    }

    private let path: Path
    private var streamBuffer: [UInt8] = []
    /// When the stream's last bytes arrived: the arrival of the frames completed by that read.
    private var streamReadAt = ContinuousClock.now
    /// Indications that arrived during a transaction, with their arrival instants.
    private var indications: [Arrival] = []
    /// The first thing received that was not a valid answer, for the verdict's words.
    private(set) var firstInvalid: String?

    /// A channel over a UDP socket already connected to the server.
    init(datagramSocket: Socket) { path = .datagram(datagramSocket) }

    /// A channel over a connected TCP or TLS stream.
    init(stream: ByteStream) { path = .stream(stream) }

    /// Whether the channel retransmits (UDP) or relies on the stream's reliability.
    var isDatagram: Bool {
        if case .datagram = path { return true }
        return false
    }

    /// Sends `request` (with MESSAGE-INTEGRITY under `integrityKey` when given) and waits for the
    /// response with the same transaction ID until `deadline`.
    func transact(
        _ request: STUNMessage, integrityKey: [UInt8]?, deadline: ContinuousClock.Instant
    ) async throws(Failure) -> Response {
        let bytes = request.encoded(integrityKey: integrityKey, fingerprint: true)
        let start = ContinuousClock.now
        var rto = Self.initialRTO
        try await send(bytes, deadline: deadline)
        // Over a stream the transport retransmits; over UDP the client does (RFC 8489 section 6.2.1).
        var nextSend: ContinuousClock.Instant? = isDatagram ? start + rto : nil
        while true {
            let waitUntil = nextSend.map { min($0, deadline) } ?? deadline
            if let received = try await readMessage(until: waitUntil) {
                let message = received.message
                if message.transactionID == request.transactionID,
                    message.messageClass == .successResponse || message.messageClass == .errorResponse
                {
                    return Response(message: message, bytes: received.bytes, roundTrip: .now - start)
                }
                if message.messageClass == .indication {
                    indications.append(Arrival(message: message, at: received.at))
                } else if message.transactionID == request.transactionID {
                    noteInvalid("netready's own \(message.method) request, echoed back")
                } else {
                    noteInvalid("a \(message.method) \(message.messageClass) with another transaction ID")
                }
                continue
            }
            if ContinuousClock.now >= deadline { throw .timedOut(invalid: firstInvalid) }
            if let due = nextSend, ContinuousClock.now >= due {
                try await send(bytes, deadline: deadline)
                rto *= 2
                nextSend = ContinuousClock.now + rto
            }
        }
    }

    /// Sends an indication (no answer expected; over UDP it is not retransmitted).
    func sendIndication(_ indication: STUNMessage, deadline: ContinuousClock.Instant) async throws(Failure) {
        try await send(indication.encoded(integrityKey: nil, fingerprint: true), deadline: deadline)
    }

    /// The next indication from the server (a Data indication), or nil at the deadline.
    func nextIndication(deadline: ContinuousClock.Instant) async throws(Failure) -> STUNMessage? {
        try await nextArrival(deadline: deadline)?.message
    }

    /// The next indication from the server with its arrival instant, or nil at the deadline.
    func nextArrival(deadline: ContinuousClock.Instant) async throws(Failure) -> Arrival? {
        while true {
            if !indications.isEmpty { return indications.removeFirst() }
            guard let received = try await readMessage(until: deadline) else {
                if ContinuousClock.now >= deadline { return nil }
                continue
            }
            if received.message.messageClass == .indication {
                return Arrival(message: received.message, at: received.at)
            }
            noteInvalid("an unexpected \(received.message.method) \(received.message.messageClass)")
        }
    }

    // MARK: bytes on the wire

    private func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) async throws(Failure) {
        switch path {
        case .stream(let stream):
            do { try await stream.write(bytes, deadline: deadline) } catch { throw Self.failure(error) }
        case .datagram(let socket):
            do {
                // A full send buffer drops this copy; the retransmission timer sends another.
                _ = try socket.send(bytes)
            } catch {
                throw .broken("send failed: \(error)")
            }
        }
    }

    /// One decoded STUN message, or nil when `until` passed first. Undecodable input is noted and
    /// skipped over UDP; on a stream it breaks the framing, so it ends the channel.
    private func readMessage(
        until: ContinuousClock.Instant
    ) async throws(Failure) -> (
        message: STUNMessage, bytes: [UInt8], at: ContinuousClock.Instant
    )? {
        while true {
            let bytes: [UInt8]
            let at: ContinuousClock.Instant
            switch path {
            case .datagram(let socket):
                guard let datagram = try await Self.receiveDatagram(socket, until: until) else { return nil }
                (bytes, at) = (datagram.bytes, datagram.kernelTimestamp ?? .now)
            case .stream(let stream):
                guard let framed = try await readFramed(stream, until: until) else { return nil }
                (bytes, at) = (framed, streamReadAt)
            }
            do {
                return (try STUNMessage(decoding: bytes), bytes, at)
            } catch {
                noteInvalid(Self.describeInvalid(bytes, error: error))
                if case .stream = path { throw .garbage(firstInvalid ?? "garbage") }
            }
        }
    }

    private static func receiveDatagram(
        _ socket: Socket, until: ContinuousClock.Instant
    ) async throws(Failure)
        -> Datagram?
    {
        while true {
            let received: IOResult<Datagram>
            do { received = try socket.receive(maxBytes: maxMessageBytes) } catch {
                // On a connected UDP socket an ICMP error (port unreachable) surfaces here.
                throw .broken("the server's address answered with an ICMP error (\(error))")
            }
            switch received {
            case .processed(let datagram): return datagram
            case .wouldBlock:
                let left = until - .now
                guard left > .zero else { return nil }
                switch await socket.waitReadable(timeout: left) {
                case .ready: continue
                case .timedOut: return nil
                case .cancelled: throw .broken("cancelled")
                }
            }
        }
    }

    /// The next whole STUN message from the stream buffer, reading more as needed. ChannelData
    /// frames (first two bits 01) are skipped: netready binds no channels, so none should come.
    private func readFramed(_ stream: ByteStream, until: ContinuousClock.Instant) async throws(Failure) -> [UInt8]? {
        while true {
            if streamBuffer.count >= 4 {
                let length = Int(streamBuffer[2]) << 8 | Int(streamBuffer[3])
                let isChannelData = streamBuffer[0] & 0xC0 == 0x40
                if streamBuffer[0] & 0xC0 != 0 && !isChannelData {
                    noteInvalid(Self.describeInvalid(streamBuffer, error: .malformed("not a STUN frame")))
                    throw .garbage(firstInvalid ?? "garbage")
                }
                let total = isChannelData ? 4 + (length + 3) / 4 * 4 : 20 + length
                if streamBuffer.count >= total {
                    let frame = Array(streamBuffer.prefix(total))
                    streamBuffer.removeFirst(total)
                    if isChannelData { continue }
                    return frame
                }
            }
            guard until > .now else { return nil }
            do {
                streamBuffer += try await stream.read(maxBytes: 16_384, deadline: until)
                streamReadAt = .now
            } catch {
                if case .timedOut = error { return nil }
                throw Self.failure(error)
            }
        }
    }

    private func noteInvalid(_ words: String) {
        if firstInvalid == nil { firstInvalid = words }
    }

    private static func describeInvalid(_ bytes: [UInt8], error: WireError) -> String {
        let preview = bytes.prefix(8).map { String($0, radix: 16) }.joined(separator: " ")
        return "\(bytes.count) bytes that are not STUN (\(error); starting \(preview))"
    }

    private static func failure(_ error: ByteStream.Failure) -> Failure {
        switch error {
        case .timedOut: .timedOut(invalid: nil)
        case .closed: .broken("the server closed the connection")
        case .failed(let words): .broken(words)
        }
    }
}
