import NetReadyPosix
import NetReadyWire
import Synchronization

/// Sends one RTP stream on a schedule and collects its echo, timing each packet with kernel
/// receive timestamps against the instant it left.
struct RTPStream: Sendable {
    let destination: SocketAddress
    let payloadType: UInt8
    let payloadBytes: Int
    let ptime: Duration
    let duration: Duration
    /// How long to keep listening after the last packet left.
    let drainTimeout: Duration
    let source: SocketAddress?
    let interface: String?
    /// The TOS / traffic class byte to mark every packet with (`dscp=`); nil leaves them unmarked.
    var trafficClass: UInt8?

    struct Measurement: Sendable {
        var destination: SocketAddress
        var quality: MediaQuality
        var icmpError: ICMPErrorReport?
    }

    private final class Arrivals: Sendable {
        let list = Mutex<[(sequence: Int, at: ContinuousClock.Instant)]>([])
        let icmp = Mutex<ICMPErrorReport?>(nil)
    }

    func run() async -> Result<Measurement, IOError> {
        let socket: Socket
        do {
            socket = try Socket.open(family: destination.family, type: .datagram) { socket throws(IOError) in
                try socket.enableErrorQueue()
                try? socket.setReceiveTimestamps()
                if let trafficClass { try socket.setTrafficClass(trafficClass) }
                if let interface { try socket.bind(toInterface: interface) }
                if let source { try socket.bind(to: source) }
                _ = try socket.connect(to: destination)
            }
        } catch {
            return .failure(error)
        }
        defer { socket.close() }
        let ssrc = UInt32.random(in: 1...UInt32.max)
        let count = max(1, Int(duration / ptime))
        let arrivals = Arrivals()
        let receiver = Task { await receive(on: socket, ssrc: ssrc, into: arrivals) }

        let clock = ContinuousClock()
        let start = clock.now
        var sentAt: [ContinuousClock.Instant] = []
        sentAt.reserveCapacity(count)
        let silence = [UInt8](repeating: 0xFF, count: payloadBytes)  // µ-law silence
        let samplesPerPacket = UInt32(ptime / .milliseconds(1)) * 8  // 8 kHz clock
        for sequence in 0..<count {
            // An absolute schedule: a late packet does not delay the ones after it.
            let due = start + ptime * sequence
            if due > clock.now { try? await Task.sleep(until: due, clock: .continuous) }
            let packet = RTPPacket(
                payloadType: payloadType, marker: sequence == 0, sequenceNumber: UInt16(truncatingIfNeeded: sequence),
                timestamp: UInt32(truncatingIfNeeded: sequence) &* samplesPerPacket, ssrc: ssrc,
                payload: silence)
            sentAt.append(clock.now)
            if (try? socket.send(packet.encoded())) == nil {
                if let report = try? socket.readErrorQueue() { arrivals.icmp.withLock { $0 = $0 ?? report } }
            }
        }
        // Wait for the tail of the echo, or less when everything is back.
        let drainDeadline = clock.now + drainTimeout
        while clock.now < drainDeadline {
            if arrivals.list.withLock({ $0.count }) >= count { break }
            try? await Task.sleep(for: .milliseconds(10))
        }
        receiver.cancel()
        await receiver.value
        let received = arrivals.list.withLock { $0 }
        return .success(
            Measurement(
                destination: destination, quality: MediaQuality(sent: sentAt, arrivals: received),
                icmpError: arrivals.icmp.withLock { $0 }))
    }

    private func receive(on socket: Socket, ssrc: UInt32, into arrivals: Arrivals) async {
        var cycles = 0
        var lastSequence: UInt16?
        while !Task.isCancelled {
            guard await socket.waitReadable(timeout: .milliseconds(50)) == .ready else { continue }
            if let report = try? socket.readErrorQueue() { arrivals.icmp.withLock { $0 = $0 ?? report } }
            while true {
                guard let received = try? socket.receive(maxBytes: 2048), case .processed(let datagram) = received
                else { break }
                guard let packet = try? RTPPacket(decoding: datagram.bytes), packet.ssrc == ssrc else { continue }
                // Extended sequence number (RFC 3550 A.1, simplified): count wraps of the 16-bit field.
                if let last = lastSequence, packet.sequenceNumber < 0x1000, last > 0xF000 { cycles += 1 }
                lastSequence = packet.sequenceNumber
                let index = cycles * 65_536 + Int(packet.sequenceNumber)
                let at = datagram.kernelTimestamp ?? ContinuousClock.now
                arrivals.list.withLock { $0.append((index, at)) }
            }
        }
    }
}
