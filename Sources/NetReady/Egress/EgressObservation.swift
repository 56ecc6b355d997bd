/// One address learned from one fresh connection or query, and how it was learned.
package struct EgressObservation: Sendable, Hashable {
    /// The address the far side saw, canonical text (`198.18.0.11`, `2001:db8::1`).
    package var ip: String
    /// The method, as `egress.addresses[].via` names it: `http`, `dns`, `stun`, `turn`, `sip`.
    package var via: String
    /// `tcp` or `udp`: which NAT mapping the connection went through.
    package var transport: String
    /// True when the address is a recursive resolver's (a `dns:` question asked through it), not this subnet's.
    package var isResolverAddress: Bool

    /// Creates an observation.
    package init(ip: String, via: String, transport: String, isResolverAddress: Bool = false) {
        self.ip = ip
        self.via = via
        self.transport = transport
        self.isResolverAddress = isResolverAddress
    }

    /// `ipv4` or `ipv6`.
    package var family: String { ip.contains(":") ? "ipv6" : "ipv4" }
}

/// What one ask of an egress server learned: an address, or why none.
enum EgressAnswer: Sendable, Equatable {
    /// The address the server saw (canonical text).
    case address(String)
    /// No address learned, and why ("HTTP 404", "the answer is not an address", "timed out").
    case miss(String)
}
