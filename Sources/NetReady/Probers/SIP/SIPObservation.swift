import NetReadyPosix
import NetReadyWire

/// What a `sip:`/`sips:` probe saw: the transport, the first final response, what a SIP ALG changed, and the
/// addresses the server saw the request come from (`received`/`rport`, or an ALG's rewritten Via).
package struct SIPObservation: Encodable, Sendable {
    /// The Via transport (`UDP`, `TCP`, `TLS`, `WS`, `WSS`).
    package var transport: String
    package var response: SIPResponseObservation?
    var alg: SIPALGFindings?
    /// Egress evidence, first seen first; IP literals with a port.
    package var mappedAddresses: [SIPHostPort] = []

    enum CodingKeys: String, CodingKey {
        case alg
        case transport = "sip_transport"
        case mappedAddresses = "mapped_addresses"
    }

    /// The mapped addresses as socket addresses.
    package var mappedSocketAddresses: [SocketAddress] {
        mappedAddresses.compactMap { hostPort in
            hostPort.port.flatMap { try? SocketAddress(ip: hostPort.host, port: $0) }
        }
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transport, forKey: .transport)
        try response?.encode(to: encoder)
        try container.encodeIfPresent(alg, forKey: .alg)
        if !mappedAddresses.isEmpty {
            try container.encode(mappedAddresses.map(\.description), forKey: .mappedAddresses)
        }
    }
}

/// The final response a `sip:` probe's verdict rests on.
package struct SIPResponseObservation: Encodable, Sendable {
    package var statusCode: Int
    package var reasonPhrase: String
    package var server: String?
    package var userAgent: String?
    package var provisionalResponses: Int
    package var retransmissions: Int
    /// The Via sent-by netready wrote.
    package var viaSentBy: String
    /// The Via `received` and `rport` parameters of the response.
    package var received: String?
    package var rport: UInt16?

    enum CodingKeys: String, CodingKey {
        case server, retransmissions, received, rport
        case statusCode = "status_code"
        case reasonPhrase = "reason_phrase"
        case userAgent = "user_agent"
        case provisionalResponses = "provisional_responses"
        case viaSentBy = "via_sent_by"
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(statusCode, forKey: .statusCode)
        try container.encode(reasonPhrase, forKey: .reasonPhrase)
        try container.encode(server, forKey: .server)
        try container.encode(userAgent, forKey: .userAgent)
        try container.encode(provisionalResponses, forKey: .provisionalResponses)
        try container.encode(retransmissions, forKey: .retransmissions)
        try container.encode(viaSentBy, forKey: .viaSentBy)
        try container.encode(received, forKey: .received)
        try container.encode(rport.map { Int($0) }, forKey: .rport)
    }
}
