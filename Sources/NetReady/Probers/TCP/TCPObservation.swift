import NetReadyPosix

/// What a `tcp://` probe saw: per address for one port (`details.addresses`), per state for a port range
/// (`details.ports`, `details.counts`, `details.icmp_from`).
public struct TCPObservation: Encodable, Sendable {
    /// One port: how each resolved address fared.
    public var addresses: [TCPAddressObservation]?
    /// A port range: the ports in each state, in the order the report lists states.
    public var portsByState: [(state: String, ports: [UInt16])]?
    /// A port range: the routers whose ICMP errors answered some ports.
    public var icmpFrom: [String]?

    enum CodingKeys: String, CodingKey {
        case addresses, ports, counts
        case icmpFrom = "icmp_from"
    }

    /// The first address that did not connect.
    public var firstFailedAddress: SocketAddress? { addresses?.first { $0.state != "open" }?.address }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(addresses, forKey: .addresses)
        if let portsByState {
            var ports: [String: String] = [:]
            var counts: [String: Int] = [:]
            for (state, list) in portsByState {
                counts[state] = list.count
                if !list.isEmpty { ports[state] = PortList.compress(list) }
            }
            try container.encode(ports, forKey: .ports)
            try container.encode(counts, forKey: .counts)
        }
        try container.encodeIfPresent(icmpFrom, forKey: .icmpFrom)
    }
}

/// One address of a one-port `tcp://` probe: its state over the attempts.
public struct TCPAddressObservation: Encodable, Sendable {
    public var address: SocketAddress
    public var state: String
    public var open: Int
    public var attempts: Int
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case address, state, open, attempts, detail
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address.description, forKey: .address)
        try container.encode(state, forKey: .state)
        try container.encode(open, forKey: .open)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(detail, forKey: .detail)
    }
}
