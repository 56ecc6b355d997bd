import NetReadyWire

/// What a `turn:`/`turns:` probe saw: the Allocate exchange, the relay round trip and the addresses the server
/// reflected, from the probe's findings.
package struct TURNObservation: Encodable, Sendable {
    package var transport: String
    package var realm: String?
    package var software: String?
    package var credentialsGiven: Bool
    package var allocateRTTMs: Double?
    package var error: STUNErrorCode?
    package var relayed: STUNAddress?
    package var mapped: STUNAddress?
    package var peer: STUNAddress?
    package var lifetimeSeconds: UInt32?
    package var relayRTTMs: Double?
    package var released: Bool?
    package var integrityVerified: Bool?
    /// Every address the server reflected for netready's sockets, first seen first: the egress evidence.
    package var mappedAddresses: [STUNAddress]
    package var relaySteps: [String]

    enum CodingKeys: String, CodingKey {
        case transport, realm, software, error, released
        case credentialsGiven = "credentials_given"
        case allocateRTTMs = "allocate_rtt_ms"
        case relayed = "relayed_address"
        case mapped = "mapped_address"
        case peer = "peer_address"
        case lifetimeSeconds = "lifetime_s"
        case relayRTTMs = "relay_rtt_ms"
        case integrityVerified = "integrity_verified"
        case mappedAddresses = "mapped_addresses"
        case relaySteps = "relay_steps"
    }

    enum ErrorKeys: String, CodingKey {
        case code, reason
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transport, forKey: .transport)
        try container.encode(realm, forKey: .realm)
        try container.encode(software, forKey: .software)
        try container.encode(credentialsGiven, forKey: .credentialsGiven)
        try container.encode(allocateRTTMs, forKey: .allocateRTTMs)
        if let error {
            var figures = container.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error)
            try figures.encode(error.code, forKey: .code)
            try figures.encode(error.reason, forKey: .reason)
        } else {
            try container.encodeNil(forKey: .error)
        }
        try container.encode(relayed?.endpointText, forKey: .relayed)
        try container.encode(mapped?.endpointText, forKey: .mapped)
        try container.encode(peer?.endpointText, forKey: .peer)
        try container.encode(lifetimeSeconds.map { Int($0) }, forKey: .lifetimeSeconds)
        try container.encode(relayRTTMs, forKey: .relayRTTMs)
        try container.encode(released, forKey: .released)
        try container.encode(integrityVerified, forKey: .integrityVerified)
        try container.encode(mappedAddresses.map(\.endpointText), forKey: .mappedAddresses)
        if !relaySteps.isEmpty { try container.encode(relaySteps, forKey: .relaySteps) }
    }
}

extension TURNObservation {
    init(_ findings: TURNFindings) {
        self.init(
            transport: findings.transport, realm: findings.realm, software: findings.software,
            credentialsGiven: findings.credentialsGiven,
            allocateRTTMs: LatencySummary(durations: findings.allocateRoundTrips)?.p50, error: findings.error,
            relayed: findings.relayed, mapped: findings.mapped, peer: findings.peer,
            lifetimeSeconds: findings.lifetimeSeconds,
            relayRTTMs: LatencySummary(durations: findings.relayRoundTrips)?.p50, released: findings.released,
            integrityVerified: findings.integrityVerified, mappedAddresses: findings.mappedAddresses,
            relaySteps: findings.relayNotes)
    }
}
