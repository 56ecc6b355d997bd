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

    /// The request schedule and drain window, shared with the `turn:` stream.
    var cadence: VoiceCadence { VoiceCadence(duration: duration, drainLimit: drainLimit) }

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
        let cadence = cadence
        let count = cadence.count
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
            let due = cadence.due(sequence, from: start)
            if due > clock.now { try? await Task.sleep(until: due, clock: .continuous) }
            let request = STUNMessage(
                type: STUNMessage.bindingRequest, transactionID: prefix + VoiceCadence.bytes(of: sequence),
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
        let drainDeadline = clock.now + (interrupted ? min(cadence.drain, .milliseconds(200)) : cadence.drain)
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
        let target = VoiceCadence.payloadBytes(codec: codec)
        return [UInt8](repeating: 0, count: max(0, target - header) / 4 * 4)
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
                let sequence = VoiceCadence.sequence(from: message.transactionID[8...])
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
