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

    /// `{ttl, address, rtt_ms, answer, icmp{type, code}}`; a silent hop has address `"*"` and `rtt_ms` null.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "ttl": .int(ttl), "address": .string(address ?? "*"), "answer": .string(answer.rawValue),
            "rtt_ms": roundTrip.map { .double(($0.milliseconds * 1000).rounded() / 1000) } ?? .null,
        ]
        object["icmp"] = icmp.map { ["type": .int(Int($0.type)), "code": .int(Int($0.code))] } ?? .null
        return .object(object)
    }

    /// Keeps the most telling of several probes' answers for the same TTL: any answer beats silence, then the fastest.
    static func merge(_ probes: [PathHop], ttl: Int) -> PathHop {
        let answered = probes.filter(\.answered)
        return answered.min { ($0.roundTrip ?? .zero) < ($1.roundTrip ?? .zero) } ?? .silent(ttl: ttl)
    }
}

extension ICMPErrorReport {
    /// `true` for "time exceeded in transit": ICMPv4 type 11 code 0, ICMPv6 type 3 code 0.
    var isTimeExceeded: Bool {
        switch origin {
        case .icmp: return type == 11
        case .icmp6: return type == 3
        case .local, .other: return false
        }
    }

    /// The hop answer this ICMP error stands for; nil for errors raised by the local stack.
    var pathAnswer: PathHopAnswer? {
        switch origin {
        case .local, .other: return nil
        case .icmp, .icmp6: break
        }
        if isTimeExceeded { return .timeExceeded }
        if isAdministrativelyProhibited { return .adminProhibited }
        if isPortUnreachable { return .portUnreachable }
        return .unreachable
    }
}
