import NetReadyPosix
import NetReadyWire

/// One TCP connection to the responder. The first bytes say what it carries: STUN (RFC 8489 section 6.2.2: messages
/// back to back, each framed by its own header's length) gets Binding answers, SIP (Content-Length framing) gets
/// the SIP answers, anything else is echoed byte for byte.
struct ResponderStream {
    let connection: Socket
    let peer: SocketAddress

    /// How long a connection may stay idle.
    static let idle: Duration = .seconds(30)
    /// How long to wait for enough bytes to tell STUN from an echo client that sent fewer than a STUN header.
    static let sniffWait: Duration = .milliseconds(500)

    /// What the first bytes of a connection carry.
    enum Kind { case stun, sip, echo }

    static func kind(of bytes: [UInt8]) -> Kind? {
        if ResponderSIPAnswer.looksLikeSIPRequest(bytes) { return .sip }
        // A STUN header is 20 bytes with the magic cookie at 4..<8: fewer than 8 bytes cannot say yet.
        if bytes.count >= 8 {
            return bytes[0] & 0xC0 == 0 && bytes[4...7].elementsEqual([0x21, 0x12, 0xA4, 0x42]) ? .stun : .echo
        }
        return bytes.first.map { $0 & 0xC0 == 0 } == true ? nil : .echo
    }

    /// Serves the connection until the peer closes it, it idles for ``idle``, or the task is cancelled.
    func serve() async {
        defer { connection.close() }
        var buffer: [UInt8] = []
        var kind: Kind?
        var sniffDeadline = ContinuousClock.now.advanced(by: Self.sniffWait)
        var framer = SIPStreamFramer()
        while !Task.isCancelled {
            let wait = kind == nil ? max(sniffDeadline - .now, .zero) : Self.idle
            if await connection.waitReadable(timeout: wait) != .ready {
                guard kind == nil, !buffer.isEmpty else { return }
                kind = .echo  // a short message that is not STUN: echo it
            } else {
                guard let read = try? connection.read(maxBytes: 16_384) else { return }
                guard case .processed(let bytes) = read else { continue }
                if bytes.isEmpty { return }
                buffer += bytes
                if kind == nil { kind = Self.kind(of: buffer) }
                if kind == nil {
                    sniffDeadline = min(sniffDeadline, .now.advanced(by: Self.sniffWait))
                    continue
                }
            }
            switch kind {
            case .echo:
                guard await write(buffer) else { return }
                buffer = []
            case .stun:
                guard await answerSTUN(&buffer) else { return }
            case .sip:
                framer.append(buffer)
                buffer = []
                guard await answerSIP(&framer) else { return }
            case nil: continue
            }
        }
    }

    /// Answers every whole STUN message in `buffer`; false when the connection must close.
    private func answerSTUN(_ buffer: inout [UInt8]) async -> Bool {
        while buffer.count >= 20 {
            let total = 20 + (Int(buffer[2]) << 8 | Int(buffer[3]))
            guard buffer.count >= total else { return true }
            let message = Array(buffer[..<total])
            buffer.removeFirst(total)
            guard let answer = EchoResponder.stunAnswer(to: message, from: peer) else { return false }
            guard await write(answer) else { return false }
        }
        return true
    }

    /// Answers every whole SIP message the framer holds; false when the connection must close.
    private func answerSIP(_ framer: inout SIPStreamFramer) async -> Bool {
        while true {
            let message: [UInt8]?
            do { message = try framer.nextMessage() } catch { return false }
            guard let message else { return true }
            if let answer = ResponderSIPAnswer.answer(to: message, from: peer) {
                guard await write(answer) else { return false }
            }
        }
    }

    private func write(_ bytes: [UInt8]) async -> Bool {
        var offset = 0
        while offset < bytes.count {
            guard let sent = try? connection.send(Array(bytes[offset...])) else { return false }
            switch sent {
            case .processed(let count): offset += count
            case .wouldBlock:
                guard await connection.waitWritable(timeout: .seconds(5)) == .ready else { return false }
            }
        }
        return true
    }
}
