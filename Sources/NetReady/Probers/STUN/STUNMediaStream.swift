import NetReadyPosix
import NetReadyWire
import Synchronization

/// A voice-cadence stream of STUN Binding requests to a public STUN server: media quality with no far end of
/// one's own, as Twilio's and Microsoft's network tests measure it against their edges.
///
/// One request every 20 ms (50 requests/s), padded so the stream upstream carries what the codec's RTP stream
/// would (G.711: 172 bytes of UDP payload, ~87 kbit/s on Ethernet; Opus: 72 bytes). Each request's transaction ID
/// is a per-stream random prefix and its sequence number, so answers are matched without a table and late or
/// reordered answers still count. Round trips run from the instant a request left to the kernel's receive
/// timestamp of its answer. The whole stream, the wait for the last answers included, fits in `duration`.
struct STUNMediaStream: Sendable {
    /// The request interval: G.711 and Opus both send 20 ms frames.
    static let interval: Duration = .milliseconds(20)
    /// UDP payload per request: the RTP packet of the codec (12-byte header plus 160 or 60 bytes of audio).
    static let payloadBytes = ["g711": 172, "opus": 72]
    /// A comprehension-optional attribute type (RFC 8489 section 14: 0x8000-0xFFFF may be ignored) carrying the
    /// padding; servers ignore it, where PADDING (0x0026) is comprehension-required and draws 420 from most.
    static let paddingAttribute: UInt16 = 0xC0DE

    let server: SocketAddress
    let codec: String
    let duration: Duration
    /// The longest wait for the last answers (the probe's timeout), itself cut to a tenth of `duration`.
    let drainLimit: Duration
    let source: SocketAddress?
    let interface: String?
    /// Polled between requests: true once the run was told to stop (Ctrl-C), which ends the stream early.
    let stopped: @Sendable () -> Bool

    /// What the stream saw.
    struct Measurement: Sendable {
        var sentAt: [ContinuousClock.Instant]
        var answers: [(sequence: Int, at: ContinuousClock.Instant)]
        /// Error responses by sequence number, with the first one's code ("429 Too Many Requests").
        var errorResponses: [Int]
        var firstError: String?
        var icmpError: ICMPErrorReport?
        /// True when the run was stopped before the stream's end.
        var interrupted: Bool
    }

    private final class Received: Sendable {
        let answers = Mutex<[(sequence: Int, at: ContinuousClock.Instant)]>([])
        let errors = Mutex<(sequences: [Int], first: String?)>(([], nil))
        let icmp = Mutex<ICMPErrorReport?>(nil)

        var count: Int { answers.withLock { $0.count } + errors.withLock { $0.sequences.count } }
    }

    /// The drain window: at most the probe's timeout and a tenth of the stream (so it never outlasts `duration`).
    var drain: Duration { min(drainLimit, duration / 10) }

    func run() async -> Result<Measurement, IOError> {
        let socket: Socket
        do {
            socket = try Socket.open(family: server.family, type: .datagram) { socket throws(IOError) in
                try socket.enableErrorQueue()
                try? socket.setReceiveTimestamps()
                if let interface { try socket.bind(toInterface: interface) }
                if let source { try socket.bind(to: source) }
                _ = try socket.connect(to: server)
            }
        } catch {
            return .failure(error)
        }
        defer { socket.close() }
        let prefix = (0..<8).map { _ in UInt8.random(in: 0...255) }
        let count = max(1, Int((duration - drain) / Self.interval))
        let received = Received()
        let receiver = Task { await receive(on: socket, prefix: prefix, into: received) }

        let clock = ContinuousClock()
        let start = clock.now
        var sentAt: [ContinuousClock.Instant] = []
        sentAt.reserveCapacity(count)
        var interrupted = false
        let padding = paddingBytes
        for sequence in 0..<count {
            if stopped() {
                interrupted = true
                break
            }
            // An absolute schedule: a late request does not delay the ones after it.
            let due = start + Self.interval * sequence
            if due > clock.now { try? await Task.sleep(until: due, clock: .continuous) }
            let request = STUNMessage(
                type: STUNMessage.bindingRequest, transactionID: prefix + Self.bytes(of: UInt32(sequence)),
                attributes: [
                    .software("netready quality stream"), .init(type: Self.paddingAttribute, value: padding),
                ])
            sentAt.append(clock.now)
            if (try? socket.send(request.encoded())) == nil {
                if let report = try? socket.readErrorQueue() { received.icmp.withLock { $0 = $0 ?? report } }
            }
        }
        // Wait for the last answers, or less when everything is back; after Ctrl-C only briefly, so the result
        // is in before the run's grace period ends.
        let drainDeadline = clock.now + (interrupted ? min(drain, .milliseconds(200)) : drain)
        while clock.now < drainDeadline, received.count < sentAt.count {
            try? await Task.sleep(for: .milliseconds(5))
        }
        receiver.cancel()
        await receiver.value
        let errors = received.errors.withLock { $0 }
        return .success(
            Measurement(
                sentAt: sentAt, answers: received.answers.withLock { $0 }, errorResponses: errors.sequences,
                firstError: errors.first, icmpError: received.icmp.withLock { $0 }, interrupted: interrupted))
    }

    /// The padding attribute's value: what brings a request to the codec's packet size.
    private var paddingBytes: [UInt8] {
        let software = STUNMessage.Attribute.software("netready quality stream").value.count
        let header = 20 + 4 + (software + 3) / 4 * 4 + 4
        let target = Self.payloadBytes[codec] ?? Self.payloadBytes["g711"]!
        return [UInt8](repeating: 0, count: max(0, target - header) / 4 * 4)
    }

    private static func bytes(of value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    private func receive(on socket: Socket, prefix: [UInt8], into received: Received) async {
        while !Task.isCancelled {
            guard await socket.waitReadable(timeout: .milliseconds(50)) == .ready else { continue }
            if let report = try? socket.readErrorQueue() { received.icmp.withLock { $0 = $0 ?? report } }
            while true {
                guard let result = try? socket.receive(maxBytes: 2048), case .processed(let datagram) = result
                else { break }
                guard let message = try? STUNMessage(decoding: datagram.bytes), message.method == .binding,
                    message.transactionID.count == 12, Array(message.transactionID[..<8]) == prefix
                else { continue }
                let sequence = message.transactionID[8...].reduce(0) { $0 << 8 | Int($1) }
                switch message.messageClass {
                case .successResponse:
                    let at = datagram.kernelTimestamp ?? ContinuousClock.now
                    received.answers.withLock { $0.append((sequence, at)) }
                case .errorResponse:
                    let code = (try? message.errorCode).map { "\($0.code) \($0.reason.prefix(64))" }
                    received.errors.withLock {
                        $0.sequences.append(sequence)
                        $0.first = $0.first ?? code
                    }
                default:
                    continue
                }
            }
        }
    }
}
