/// What a `udp://` probe saw: per address (`details.addresses`), the ports in each state (`details.ports`), and
/// for one port the words for its state (`details.detail`).
public struct UDPObservation: Encodable, Sendable {
    /// One port: what its state means (`"port unreachable from the destination"`).
    public var detail: String?
    public var addresses: [UDPAddressObservation] = []
    /// The ports in each state (`"open"`, `"closed"`, `"filtered"`, ...), each listed once.
    public var portsByState: [String: [UInt16]] = [:]

    enum CodingKeys: String, CodingKey {
        case detail, addresses, ports
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encode(addresses, forKey: .addresses)
        try container.encode(portsByState.mapValues { PortList.compress(Array(Set($0)).sorted()) }, forKey: .ports)
    }
}

/// One address of a `udp://` probe: datagrams sent and ports per state.
public struct UDPAddressObservation: Encodable, Sendable {
    /// The IP (without the port).
    public var address: String
    public var datagramsSent: Int
    public var counts: [String: Int]

    enum CodingKeys: String, CodingKey {
        case address, counts
        case datagramsSent = "datagrams_sent"
    }
}
