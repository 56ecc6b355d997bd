import NetReadyWire

/// SIP messages over a connected stream: Content-Length framing on TCP/TLS, or one message per WebSocket text
/// frame (RFC 7118) with masked client frames.
struct SIPMessageChannel {
    /// Why a message could not be read.
    enum Failure: Error {
        case stream(ByteStream.Failure)
        /// The bytes are not SIP framing (or not WebSocket framing): the words say how.
        case malformed(String)
    }

    let stream: ByteStream
    let webSocket: Bool
    private var framer = SIPStreamFramer()
    private var frameBytes: [UInt8]
    private var fragments: [UInt8] = []
    /// Whether any byte came back at all (to tell "closed without answering" from "truncated").
    private(set) var receivedAnything = false
    /// When the latest bytes arrived: the arrival time of a message, even one completed by the grace timeout.
    private(set) var lastReceivedAt = ContinuousClock.now

    /// A channel over `stream`; `pending` holds bytes already read past a WebSocket upgrade's head.
    init(stream: ByteStream, webSocket: Bool, pending: [UInt8] = []) {
        self.stream = stream
        self.webSocket = webSocket
        frameBytes = pending
        receivedAnything = !pending.isEmpty
    }

    /// Sends one message.
    func send(_ message: [UInt8], deadline: ContinuousClock.Instant) async throws(Failure) {
        let bytes =
            webSocket ? WebSocketFrame(opcode: .text, payload: message).encoded(maskKey: Self.maskKey()) : message
        do { try await stream.write(bytes, deadline: deadline) } catch { throw .stream(error) }
    }

    /// How long to wait for the rest of a body once its head is in: a SIP ALG that resizes a message without
    /// fixing Content-Length leaves a body that never completes.
    static let shortBodyGrace: Duration = .milliseconds(500)

    /// The next whole message's bytes (over TCP/TLS possibly with a short body, see ``shortBodyGrace``).
    mutating func receive(deadline: ContinuousClock.Instant) async throws(Failure) -> [UInt8] {
        while true {
            if let message = try nextBuffered() { return message }
            let waitingForBody = !webSocket && framer.hasPartialMessage
            let bytes: [UInt8]
            do {
                bytes = try await stream.read(
                    maxBytes: 16 * 1024,
                    deadline: waitingForBody ? min(deadline, .now.advanced(by: Self.shortBodyGrace)) : deadline)
            } catch {
                if waitingForBody, case .timedOut = error { return framer.takePartialMessage() }
                throw .stream(error)
            }
            receivedAnything = true
            lastReceivedAt = .now
            if webSocket { frameBytes += bytes } else { framer.append(bytes) }
        }
    }

    private mutating func nextBuffered() throws(Failure) -> [UInt8]? {
        guard webSocket else {
            do { return try framer.nextMessage() } catch { throw .malformed("\(error)") }
        }
        while true {
            let decoded: (frame: WebSocketFrame, length: Int)?
            do { decoded = try WebSocketFrame.decode(frameBytes) } catch { throw .malformed("\(error)") }
            guard let (frame, length) = decoded else { return nil }
            frameBytes.removeFirst(length)
            switch frame.opcode {
            case .text, .binary, .continuation:
                fragments += frame.payload
                guard fragments.count <= SIPMessage.maxBytes else {
                    throw .malformed("a WebSocket message longer than \(SIPMessage.maxBytes) bytes")
                }
                if frame.isFinal {
                    defer { fragments = [] }
                    return fragments
                }
            case .close:
                throw .stream(.closed)
            case .ping, .pong:
                // A ping is answered on the next write opportunity; SIP probes are short, so it is ignored.
                continue
            }
        }
    }

    /// Four random bytes: RFC 6455 5.3 wants an unpredictable key per frame.
    private static func maskKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
