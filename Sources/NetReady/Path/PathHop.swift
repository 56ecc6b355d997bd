import NetReadyPosix

/// What came back for one TTL-limited probe.
public enum PathHopAnswer: String, Sendable, Equatable {
    /// ICMP time exceeded: a router on the way, `ttl` hops out.
    case timeExceeded = "time-exceeded"
    /// The TCP handshake completed: the destination answered.
    case synAck = "syn-ack"
    /// A TCP reset carrying the destination's address.
    case reset = "rst"
    /// A UDP datagram back from the destination.
    case reply
    /// ICMP port unreachable (from the destination: the port is closed; from another host: a REJECT).
    case portUnreachable = "port-unreachable"
    /// ICMP administratively prohibited (ICMPv4 type 3 code 9, 10 or 13; ICMPv6 type 1 code 1, 5 or 6).
    case adminProhibited = "admin-prohibited"
    /// Another ICMP destination unreachable (network, host, protocol...).
    case unreachable
    /// Nothing before the hop timeout.
    case none

    /// True when the answer ends the trace: the probe went no further than this hop.
    var endsThePath: Bool {
        switch self {
        case .timeExceeded, .none: false
        case .synAck, .reset, .reply, .portUnreachable, .adminProhibited, .unreachable: true
        }
    }
}

/// One hop of a path trace: the TTL, who answered it (nil for silence), how fast, and how.
public struct PathHop: Sendable, Equatable {
    /// The IP TTL (IPv6 hop limit) the probes of this hop left with.
    public let ttl: Int
    /// The address that answered, or nil when every probe of the hop went unanswered.
    public let address: String?
    /// The round trip of the fastest answer.
    public let roundTrip: Duration?
    /// What the answer was.
    public let answer: PathHopAnswer
    /// The ICMP type and code, when the answer was an ICMP message.
    public let icmp: (type: UInt8, code: UInt8)?

    /// Creates a hop; ``PathHopProbe`` makes these from what the kernel reports.
    public init(
        ttl: Int, address: String?, roundTrip: Duration?, answer: PathHopAnswer, icmp: (type: UInt8, code: UInt8)? = nil
    ) {
        self.ttl = ttl
        self.address = address
        self.roundTrip = roundTrip
        self.answer = answer
        self.icmp = icmp
    }

    /// A hop none of whose probes was answered.
    static func silent(ttl: Int) -> PathHop {
        PathHop(ttl: ttl, address: nil, roundTrip: nil, answer: .none)
    }

    /// True when something answered.
    public var answered: Bool { answer != .none }

    public static func == (lhs: PathHop, rhs: PathHop) -> Bool {
        lhs.ttl == rhs.ttl && lhs.address == rhs.address && lhs.roundTrip == rhs.roundTrip
            && lhs.answer == rhs.answer && lhs.icmp?.type == rhs.icmp?.type && lhs.icmp?.code == rhs.icmp?.code
    }

    /// Keeps the most telling of several probes' answers for the same TTL: any answer beats silence, then the fastest.
    static func merge(_ probes: [PathHop], ttl: Int) -> PathHop {
        let answered = probes.filter(\.answered)
        return answered.min { ($0.roundTrip ?? .zero) < ($1.roundTrip ?? .zero) } ?? .silent(ttl: ttl)
    }
}

extension ICMPErrorReport {
    /// The hop answer this ICMP error stands for; nil for errors raised by the local stack.
    var pathAnswer: PathHopAnswer? {
        switch classification(destination: nil) {
        case .local: nil
        case .timeExceeded: .timeExceeded
        case .prohibited: .adminProhibited
        case .closedPort, .rejectedOnBehalf: .portUnreachable
        case .unreachable: .unreachable
        }
    }
}
