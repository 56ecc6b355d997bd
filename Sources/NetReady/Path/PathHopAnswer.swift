import NetReadyPosix

/// What came back for one TTL-limited probe.
package enum PathHopAnswer: String, Sendable, Equatable {
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
