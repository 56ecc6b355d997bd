import NetReadyPosix

/// One hop of a path trace: the TTL, who answered it (nil for silence), how fast, and how.
package struct PathHop: Sendable, Equatable {
    /// The IP TTL (IPv6 hop limit) the probes of this hop left with.
    package let ttl: Int
    /// The address that answered, or nil when every probe of the hop went unanswered.
    package let address: String?
    /// The round trip of the fastest answer.
    package let roundTrip: Duration?
    /// What the answer was.
    package let answer: PathHopAnswer
    /// The ICMP type and code, when the answer was an ICMP message.
    package let icmp: (type: UInt8, code: UInt8)?

    /// Creates a hop; ``PathHopProbe`` makes these from what the kernel reports.
    package init(
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
    package var answered: Bool { answer != .none }

    package static func == (lhs: PathHop, rhs: PathHop) -> Bool {
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
