/// What a `udp://` probe saw: per address (`details.addresses`), the ports in each state (`details.ports`), and
/// for one port the words for its state (`details.detail`).
package struct UDPObservation: Encodable, Sendable {
    /// One port: what its state means (`"port unreachable from the destination"`).
    package var detail: String?
    package var addresses: [UDPAddressObservation] = []
    /// The ports in each state (`"open"`, `"closed"`, `"filtered"`, ...), each listed once.
    package var portsByState: [String: [UInt16]] = [:]
    /// The `dscp=` reading, encoded as `details.media.dscp` like an `rtp://` probe's.
    package var dscp: DSCPReading?
    /// `details.nat_binding` of a `binding-lifetime=` measurement.
    var natBinding: NATBindingVerdict.Bounds?

    enum CodingKeys: String, CodingKey {
        case detail, addresses, ports, media
        case natBinding = "nat_binding"
    }

    enum MediaKeys: String, CodingKey { case dscp }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encode(addresses, forKey: .addresses)
        try container.encode(portsByState.mapValues { PortList.compress(Array(Set($0)).sorted()) }, forKey: .ports)
        try container.encodeIfPresent(natBinding, forKey: .natBinding)
        if let dscp {
            var media = container.nestedContainer(keyedBy: MediaKeys.self, forKey: .media)
            try media.encode(dscp, forKey: .dscp)
        }
    }
}

/// One address of a `udp://` probe: datagrams sent and ports per state.
package struct UDPAddressObservation: Encodable, Sendable {
    /// The IP (without the port).
    package var address: String
    package var datagramsSent: Int
    package var counts: [String: Int]

    enum CodingKeys: String, CodingKey {
        case address, counts
        case datagramsSent = "datagrams_sent"
    }
}
