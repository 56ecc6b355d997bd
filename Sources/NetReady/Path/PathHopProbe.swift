import NetReadyPosix

#if canImport(Glibc)
import Glibc
#endif

/// One TTL-limited probe towards a destination, and who answered it.
///
/// TCP: a non-blocking connect whose SYN leaves with `IP_TTL` (`IPV6_UNICAST_HOPS`) set to the hop; UDP: one
/// datagram with that TTL. Either way `IP_RECVERR` queues the ICMP time-exceeded or unreachable message the hop
/// sends back, with the sender's address, which the socket's error queue hands over.
struct PathHopProbe: Sendable {
    let destination: SocketAddress
    let transport: PathTransport
    let source: SocketAddress?
    let interface: String?
    let timeout: Duration

    /// What one probe found: a hop (possibly silent), or a local failure that says nothing about the path.
    enum Outcome: Sendable {
        case hop(PathHop)
        case localError(String)
    }

    /// Sends one probe with `ttl` and waits up to the timeout for its answer.
    func run(ttl: Int) async -> Outcome {
        switch transport {
        case .tcp: return await tcp(ttl: ttl)
        case .udp: return await udp(ttl: ttl)
        }
    }

    private func tcp(ttl: Int) async -> Outcome {
        let result = await TCPConnect.attempt(
            to: destination, source: source, interface: interface, timeout: timeout, timeToLive: ttl)
        switch result {
        case .connected(let elapsed):
            return .hop(PathHop(ttl: ttl, address: destination.ip, roundTrip: elapsed, answer: .synAck))
        case .timedOut:
            return .hop(.silent(ttl: ttl))
        case .localError(let error):
            return .localError(error.description)
        case .failed(let code, let icmp, let elapsed):
            if let icmp, let hop = Self.hop(ttl: ttl, report: icmp, elapsed: elapsed) {
                return .hop(hop)
            }
            if code == ECONNREFUSED {
                return .hop(PathHop(ttl: ttl, address: destination.ip, roundTrip: elapsed, answer: .reset))
            }
            return .localError("connect failed with \(TCPConnect.errnoName(code)) and no ICMP error to say where")
        }
    }

    private func udp(ttl: Int) async -> Outcome {
        let socket: Socket
        do {
            socket = try Socket(family: destination.family, type: .datagram)
        } catch {
            return .localError(error.description)
        }
        defer { socket.close() }
        let clock = ContinuousClock()
        let start: ContinuousClock.Instant
        do {
            try socket.enableErrorQueue()
            try socket.setTimeToLive(ttl)
            if let interface { try socket.bind(toInterface: interface) }
            if let source { try socket.bind(to: source) }
            start = clock.now
            // The token lets an echo service answer; a full send buffer on a fresh socket would be a local problem.
            guard case .processed = try socket.send(UDPPortScan.payload(token: UInt32(ttl)), to: destination) else {
                return .localError("the send buffer of a new UDP socket is full")
            }
        } catch {
            return .localError(error.description)
        }
        let deadline = start + timeout
        while clock.now < deadline {
            switch await socket.waitReadable(timeout: deadline - clock.now) {
            case .timedOut: return .hop(.silent(ttl: ttl))
            case .cancelled: return .localError("cancelled")
            case .ready: break
            }
            let elapsed = clock.now - start
            for report in (try? socket.drainErrorQueue()) ?? [] where report.destination?.ip == destination.ip {
                if let hop = Self.hop(ttl: ttl, report: report, elapsed: elapsed) { return .hop(hop) }
            }
            // A pending ICMP error also fails the next receive; the queue above has already said what it was.
            if case .processed(let datagram)? = try? socket.receive(maxBytes: 2048), datagram.from.ip == destination.ip
            {
                return .hop(PathHop(ttl: ttl, address: destination.ip, roundTrip: elapsed, answer: .reply))
            }
        }
        return .hop(.silent(ttl: ttl))
    }

    /// The hop an ICMP error describes; nil for an error the local stack raised.
    static func hop(ttl: Int, report: ICMPErrorReport, elapsed: Duration) -> PathHop? {
        guard let answer = report.pathAnswer else { return nil }
        return PathHop(
            ttl: ttl, address: report.offender ?? "?", roundTrip: elapsed, answer: answer,
            icmp: (report.type, report.code))
    }
}
