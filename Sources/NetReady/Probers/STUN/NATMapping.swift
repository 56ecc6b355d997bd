/// NAT mapping behaviour (RFC 4787 section 4.1, discovered as in RFC 5780 section 4.3).
package enum NATMapping: String, Sendable, Codable, CaseIterable {
    /// One mapping per internal address and port, whatever the destination: peers can reach each other directly.
    case endpointIndependent = "endpoint-independent"
    /// A new mapping per destination address.
    case addressDependent = "address-dependent"
    /// A new mapping per destination address and port.
    case addressAndPortDependent = "address-and-port-dependent"

    /// Decides the mapping from the three RFC 5780 section 4.3 tests: the mapped address seen by the primary
    /// address (test I), by the alternate address on the primary port (test II) and by the alternate address and
    /// port (test III).
    ///
    /// - Returns: nil when a test needed for the decision got no answer.
    static func decide(test1: String?, test2: String?, test3: String?) -> NATMapping? {
        guard let test1, let test2 else { return nil }
        if test1 == test2 { return .endpointIndependent }
        guard let test3 else { return nil }
        return test3 == test2 ? .addressDependent : .addressAndPortDependent
    }

    /// True when direct peer-to-peer media fails behind this mapping (RFC 4787 REQ-1; RFC 5780 section 1): the
    /// address a peer learns from STUN is not the one its packets would arrive from.
    var needsRelay: Bool { self != .endpointIndependent }

    /// What the mapping means for calls, in one sentence.
    var consequence: String {
        needsRelay
            ? "mapping is \(rawValue): direct media between peers will fail, calls need a TURN relay"
            : "mapping is endpoint-independent: direct media between peers can work"
    }
}
