extension ICMPErrorReport {
    /// What an ICMP error says about the path of the packet that caused it: the one classification the probers
    /// and the path tracer share.
    public enum Classification: Sendable, Equatable {
        /// Time exceeded in transit: the TTL / hop limit ran out at a router on the way.
        case timeExceeded
        /// Administratively prohibited: a firewall rejected the packet.
        case prohibited
        /// Port unreachable from the destination itself: the path is open and nothing listens on the port.
        case closedPort
        /// Port unreachable sent by another host on the destination's behalf: a firewall rejecting the flow.
        case rejectedOnBehalf
        /// Any other unreachable (network, host, protocol, fragmentation needed...).
        case unreachable
        /// Raised by the local stack or of another origin, not an ICMP message from the network.
        case local
    }

    /// `true` for "time exceeded in transit": ICMPv4 type 11, ICMPv6 type 3.
    public var isTimeExceeded: Bool {
        switch origin {
        case .icmp: return type == 11
        case .icmp6: return type == 3
        case .local, .other: return false
        }
    }

    /// Classifies the error of a packet sent to `destination` (an IP): a port unreachable is `closedPort` when
    /// the destination itself sent it (or when `destination` is nil), `rejectedOnBehalf` when another host did.
    public func classification(destination: String?) -> Classification {
        switch origin {
        case .local, .other: return .local
        case .icmp, .icmp6: break
        }
        if isTimeExceeded { return .timeExceeded }
        if isAdministrativelyProhibited { return .prohibited }
        if isPortUnreachable { return destination == nil || offender == destination ? .closedPort : .rejectedOnBehalf }
        return .unreachable
    }
}
