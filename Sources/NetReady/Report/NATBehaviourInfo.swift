/// The report's `egress.nat`: whether the NAT gives one socket the same public address and port towards every STUN
/// server (endpoint-independent) or a different one per destination, which forces media through TURN (RFC 4787).
package struct NATBehaviourInfo: Codable, Sendable, Equatable {
    /// `mapping` when every server saw the same address and port.
    package static let endpointIndependent = "endpoint-independent"
    /// `mapping` when the servers saw different addresses or ports.
    package static let variesByDestination = "varies by destination"

    /// What one server saw.
    package struct Server: Codable, Sendable, Equatable {
        /// The STUN probe's URI.
        package var server: String
        /// The address and port it saw ("198.18.0.11:40000", IPv6 as "[ip]:port").
        package var mapped: String

        package init(server: String, mapped: String) {
            self.server = server
            self.mapped = mapped
        }
    }

    /// ``endpointIndependent`` or ``variesByDestination``.
    package var mapping: String
    /// The servers that answered, in plan order.
    package var servers: [Server]

    package init(mapping: String, servers: [Server]) {
        self.mapping = mapping
        self.servers = servers
    }

    /// Compares what the servers saw: the same mapped address everywhere is endpoint-independent.
    package init(servers: [Server]) {
        self.init(
            mapping: Set(servers.map(\.mapped)).count <= 1 ? Self.endpointIndependent : Self.variesByDestination,
            servers: servers)
    }

    /// True when the mapping forces media through a TURN relay.
    package var needsRelay: Bool { mapping == Self.variesByDestination }

    /// One line for people: "mapping varies by destination: stun:a saw X, stun:b saw Y — media needs TURN".
    package var summary: String {
        let seen = servers.map { "\($0.server) saw \($0.mapped)" }.joined(separator: ", ")
        return needsRelay
            ? "mapping varies by destination: \(seen) — media needs TURN"
            : "mapping is endpoint-independent: \(seen)"
    }
}

extension EgressInfo {
    /// This egress section with the NAT comparison recorded (and, when media needs TURN, a note saying so).
    package func recording(nat: NATBehaviourInfo?) -> EgressInfo {
        guard let nat else { return self }
        var egress = self
        egress.nat = nat
        if nat.needsRelay { egress.notes.append(nat.summary) }
        return egress
    }
}
