import NetReadyPosix
import NetReadyWire

/// One STUN request over UDP from a socket the caller owns, retransmitted per RFC 8489 section 6.2.1 and never
/// waiting past `timeout`.
///
/// The socket stays unconnected and may be reused for several transactions (RFC 5780 tests need one local port for
/// several requests), so answers are matched by transaction ID **and** source address: a datagram from any other
/// address is a stray and ignored; a message from the server that does not answer the request is remembered and
/// makes the outcome `stun.protocol` only if nothing valid arrives. An ICMP error about the destination ends the
/// wait early (nothing will answer).
struct STUNDatagramTransaction: Sendable {
    /// Where the request goes.
    let destination: SocketAddress
    /// Where the answer must come from: the destination, unless a CHANGE-REQUEST asks the server to answer from
    /// its other address or port.
    let expectedSource: SocketAddress
    let request: STUNMessage
    let timeout: Duration
    var timing = STUNRetransmission()

    init(
        to destination: SocketAddress, request: STUNMessage, timeout: Duration, expectedSource: SocketAddress? = nil
    ) {
        self.destination = destination
        self.expectedSource = expectedSource ?? destination
        self.request = request
        self.timeout = timeout
    }

    /// Sends the request from `socket` and waits for its answer.
    func run(on socket: Socket) async -> STUNTransactionOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let (sends, giveUpOffset) = timing.schedule(within: timeout)
        let giveUp = start + giveUpOffset
        var pending = sends[...]
        var lastSent = start
        var silence = STUNSilence(elapsed: .zero, transmissions: 0)
        let bytes = request.encoded()
        waiting: while true {
            let now = clock.now
            if let next = pending.first, start + next <= now {
                pending.removeFirst()
                do {
                    _ = try socket.send(bytes, to: destination)
                } catch {
                    // A pending ICMP error from an earlier transmission surfaces as the send's error.
                    if let report = icmpReport(on: socket) {
                        silence.icmp = report
                        break waiting
                    }
                    return .localError("could not send to \(destination): \(error)")
                }
                lastSent = now
                silence.transmissions += 1
                continue
            }
            if now >= giveUp { break waiting }
            let wake = min(giveUp, pending.first.map { start + $0 } ?? giveUp)
            switch await socket.waitReadable(timeout: wake - now) {
            case .cancelled: return .localError("cancelled")
            case .timedOut: continue
            case .ready: break
            }
            if let report = icmpReport(on: socket) {
                silence.icmp = report
                break waiting
            }
            if let answer = receive(on: socket, lastSent: lastSent, into: &silence) { return .answered(answer) }
        }
        silence.elapsed = clock.now - start
        return .unanswered(silence)
    }

    /// Reads every queued datagram; returns the first valid answer, recording the rest in `silence`.
    private func receive(
        on socket: Socket, lastSent: ContinuousClock.Instant, into silence: inout STUNSilence
    ) -> STUNAnswer? {
        // Bounded, so a flood from a hostile peer cannot keep the loop here past the deadline check.
        for _ in 0..<64 {
            guard let received = try? socket.receive(maxBytes: 2048), case .processed(let datagram) = received else {
                return nil
            }
            guard datagram.from == expectedSource else {
                silence.strays += 1
                continue
            }
            switch STUNAnswer.validate(datagram.bytes, from: datagram.from, answering: request) {
            case .success(let message):
                let arrival = datagram.kernelTimestamp ?? .now
                return STUNAnswer(
                    message: message, source: datagram.from, roundTrip: max(.zero, arrival - lastSent),
                    transmissions: silence.transmissions)
            case .failure(let why):
                silence.invalid.append(why)
            }
        }
        return nil
    }

    /// The latest queued ICMP error about this transaction's destination, if any (others are dropped).
    private func icmpReport(on socket: Socket) -> ICMPErrorReport? {
        let reports = (try? socket.drainErrorQueue()) ?? []
        return reports.last { $0.destination == destination }
    }
}

/// The UDP socket STUN transactions are sent from: unconnected, with the error queue and receive timestamps on.
enum STUNDatagramSocket {
    /// Opens a socket for `family`, bound to `source` and `interface` when given.
    static func open(
        family: AddressFamily, source: SocketAddress?, interface: String?
    ) throws(IOError) -> Socket {
        try Socket.open(family: family, type: .datagram) { socket throws(IOError) in
            try socket.enableErrorQueue()
            try? socket.setReceiveTimestamps()
            if let interface { try socket.bind(toInterface: interface) }
            if let source { try socket.bind(to: source) }
        }
    }
}
