import Foundation
import NetReadyPosix
import Synchronization

/// Sends datagrams from one unconnected socket to many ports of one address and sorts out what
/// comes back: replies by source port, ICMP errors (IP_RECVERR) by the original destination port.
///
/// One socket for the whole range keeps tens of thousands of ports cheap; silent ports are tried
/// again, since real hosts rate-limit their ICMP errors and a single loss must not read as a drop.
struct UDPPortScan: Sendable {
    let address: SocketAddress
    let ports: [UInt16]
    /// Send rounds: retries for silent ports (ranges), or samples of every port (single port).
    let rounds: Int
    /// Whether answered ports are sent to again in later rounds (samples) or only silent ones.
    let resendAnswered: Bool
    let timeout: Duration
    let roundInterval: Duration
    let packetsPerSecond: Double
    let source: SocketAddress?
    let interface: String?

    /// What the scan found: per-port observations, reply round trips, and a local error if any.
    struct Outcome: Sendable {
        var observations: [UInt16: UDPPortObservation] = [:]
        var roundTrips: [Duration] = []
        var sent = 0
        var localError: IOError?
        /// Ports answered (reply or ICMP error) since the current round started.
        var answeredThisRound: Set<UInt16> = []
    }

    /// Shared between the sender and the receiver task.
    private final class State: Sendable {
        let value = Mutex(Outcome())
        /// When the latest datagram with each token left, to time the reply that echoes it.
        let sentAt = Mutex<[UInt32: ContinuousClock.Instant]>([:])
    }

    func run() async -> Outcome {
        let socket: Socket
        do {
            socket = try Socket.open(family: address.family, type: .datagram) { socket throws(IOError) in
                try socket.enableErrorQueue()
                try? socket.setReceiveTimestamps()
                if let interface { try socket.bind(toInterface: interface) }
                if let source { try socket.bind(to: source) }
            }
        } catch {
            return Outcome(localError: error)
        }
        defer { socket.close() }
        let state = State()
        let receiver = Task { await receive(on: socket, into: state) }

        // Pacing in one-millisecond bursts: a sleep per datagram would cost more than the send.
        let perBurst = max(1, Int(packetsPerSecond / 1000))
        var pending = ports
        var token: UInt32 = 0
        for round in 0..<rounds {
            if round > 0 { try? await Task.sleep(for: roundInterval) }
            state.value.withLock { $0.answeredThisRound.removeAll() }
            let clock = ContinuousClock()
            var burstStart = clock.now
            for (index, port) in pending.enumerated() {
                if Task.isCancelled { break }
                if index > 0 && index % perBurst == 0 {
                    burstStart += .milliseconds(1)
                    if burstStart > clock.now { try? await Task.sleep(until: burstStart, clock: .continuous) }
                }
                token &+= 1
                await send(token: token, port: port, on: socket, state: state)
            }
            // Wait for answers: until every port sent to has one, or the timeout passes.
            let deadline = clock.now + timeout
            while clock.now < deadline && !Task.isCancelled {
                let answered = state.value.withLock { $0.answeredThisRound.count }
                if answered >= pending.count { break }
                try? await Task.sleep(for: .milliseconds(5))
            }
            if !resendAnswered {
                pending = state.value.withLock { outcome in pending.filter { outcome.observations[$0] == nil } }
                if pending.isEmpty { break }
            }
        }
        receiver.cancel()
        await receiver.value
        return state.value.withLock { outcome in
            for port in ports where outcome.observations[port] == nil {
                outcome.observations[port] = UDPPortObservation(
                    state: .filtered, offender: nil, detail: "no reply and no ICMP error in \(rounds) tries")
            }
            return outcome
        }
    }

    /// The probe datagram: a marker and a token that an echo sends back unchanged.
    static func payload(token: UInt32) -> [UInt8] {
        Array("NETREADY".utf8) + withUnsafeBytes(of: token.bigEndian, Array.init)
    }

    static func token(in bytes: [UInt8]) -> UInt32? {
        guard bytes.count >= 12, bytes.starts(with: Array("NETREADY".utf8)) else { return nil }
        return bytes[8..<12].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private func send(token: UInt32, port: UInt16, on socket: Socket, state: State) async {
        let destination = address.withPort(port)
        for _ in 0..<3 {
            do {
                state.sentAt.withLock { $0[token] = ContinuousClock.now }
                switch try socket.send(Self.payload(token: token), to: destination) {
                case .processed:
                    state.value.withLock { $0.sent += 1 }
                    return
                case .wouldBlock:
                    _ = await socket.waitWritable(timeout: .milliseconds(100))
                }
            } catch {
                // A queued ICMP error fails the send; it is read from the error queue instead.
                collectErrors(from: socket, into: state)
            }
        }
    }

    private func receive(on socket: Socket, into state: State) async {
        while !Task.isCancelled {
            let readiness = await socket.waitReadable(timeout: .milliseconds(50))
            if readiness == .cancelled && socket.isClosed { return }
            collectErrors(from: socket, into: state)
            while true {
                do {
                    guard case .processed(let datagram) = try socket.receive(maxBytes: 2048) else { break }
                    record(datagram, into: state)
                } catch {
                    collectErrors(from: socket, into: state)
                    break
                }
            }
        }
    }

    private func record(_ datagram: Datagram, into state: State) {
        guard datagram.from.ip == address.ip, ports.contains(datagram.from.port) else { return }
        let arrived = datagram.kernelTimestamp ?? ContinuousClock.now
        let sent = Self.token(in: datagram.bytes).flatMap { token in
            state.sentAt.withLock { $0.removeValue(forKey: token) }
        }
        state.value.withLock { outcome in
            outcome.observations[datagram.from.port] = UDPPortObservation(
                state: .open, offender: nil, detail: "reply of \(datagram.bytes.count) bytes")
            outcome.answeredThisRound.insert(datagram.from.port)
            if let sent, arrived > sent { outcome.roundTrips.append(arrived - sent) }
        }
    }

    private func collectErrors(from socket: Socket, into state: State) {
        guard let reports = try? socket.drainErrorQueue() else { return }
        for report in reports {
            guard let destination = report.destination, destination.ip == address.ip,
                ports.contains(destination.port)
            else { continue }
            let from = report.offender ?? "?"
            let words = "ICMP type \(report.type) code \(report.code) from \(from)"
            let observation: UDPPortObservation
            switch report.classification(destination: address.ip) {
            case .prohibited:
                observation = UDPPortObservation(
                    state: .prohibited, offender: report.offender,
                    detail: "administratively prohibited: \(words)")
            case .closedPort:
                observation = UDPPortObservation(
                    state: .closed, offender: report.offender, detail: "port unreachable: \(words)")
            case .rejectedOnBehalf:
                observation = UDPPortObservation(
                    state: .rejected, offender: report.offender,
                    detail: "rejected by \(from) (port unreachable on its behalf)")
            case .timeExceeded, .unreachable, .local:
                observation = UDPPortObservation(state: .unreachable, offender: report.offender, detail: words)
            }
            state.value.withLock { outcome in
                // A reply beats an error; the first error for a port is kept.
                if outcome.observations[destination.port] == nil {
                    outcome.observations[destination.port] = observation
                }
                outcome.answeredThisRound.insert(destination.port)
            }
        }
    }
}
