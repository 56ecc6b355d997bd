import NetReadyPosix

/// What a `tcp://` probe saw: per address for one port (`details.addresses`), per state for a port range
/// (`details.ports`, `details.counts`, `details.icmp_from`).
package struct TCPObservation: Encodable, Sendable {
    /// One port: how each resolved address fared.
    package var addresses: [TCPAddressObservation]?
    /// A port range: the ports in each state, in the order the report lists states.
    package var portsByState: [(state: String, ports: [UInt16])]?
    /// A port range: the routers whose ICMP errors answered some ports.
    package var icmpFrom: [String]?
    /// One port: the median wall-clock connect time (from `connect()` to the wake-up), when the latency figures are
    /// the kernel's handshake RTT (`TCP_INFO`).
    package var wallClockConnectP50Ms: Double?

    enum CodingKeys: String, CodingKey {
        case addresses, ports, counts
        case icmpFrom = "icmp_from"
        case wallClockConnectP50Ms = "wall_clock_connect_p50_ms"
    }

    /// The first address that did not connect.
    package var firstFailedAddress: SocketAddress? { addresses?.first { $0.state != "open" }?.address }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(addresses, forKey: .addresses)
        try container.encodeIfPresent(wallClockConnectP50Ms, forKey: .wallClockConnectP50Ms)
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
package struct TCPAddressObservation: Encodable, Sendable {
    package var address: SocketAddress
    package var state: String
    package var open: Int
    package var attempts: Int
    package var detail: String

    enum CodingKeys: String, CodingKey {
        case address, state, open, attempts, detail
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address.description, forKey: .address)
        try container.encode(state, forKey: .state)
        try container.encode(open, forKey: .open)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(detail, forKey: .detail)
    }
}
