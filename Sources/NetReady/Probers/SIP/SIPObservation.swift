import NetReadyPosix
import NetReadyWire

/// What a `sip:`/`sips:` probe saw: the transport, the first final response, what a SIP ALG changed, and the
/// addresses the server saw the request come from (`received`/`rport`, or an ALG's rewritten Via).
public struct SIPObservation: Encodable, Sendable {
    /// The Via transport (`UDP`, `TCP`, `TLS`, `WS`, `WSS`).
    public var transport: String
    public var response: SIPResponseObservation?
    var alg: SIPALGFindings?
    /// Egress evidence, first seen first; IP literals with a port.
    public var mappedAddresses: [SIPHostPort] = []

    enum CodingKeys: String, CodingKey {
        case alg
        case transport = "sip_transport"
        case mappedAddresses = "mapped_addresses"
    }

    /// The mapped addresses as socket addresses.
    public var mappedSocketAddresses: [SocketAddress] {
        mappedAddresses.compactMap { hostPort in
            hostPort.port.flatMap { try? SocketAddress(ip: hostPort.host, port: $0) }
        }
    }

    public func encode(to encoder: Encoder) throws {
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
public struct SIPResponseObservation: Encodable, Sendable {
    public var statusCode: Int
    public var reasonPhrase: String
    public var server: String?
    public var userAgent: String?
    public var provisionalResponses: Int
    public var retransmissions: Int
    /// The Via sent-by netready wrote.
    public var viaSentBy: String
    /// The Via `received` and `rport` parameters of the response.
    public var received: String?
    public var rport: UInt16?

    enum CodingKeys: String, CodingKey {
        case server, retransmissions, received, rport
        case statusCode = "status_code"
        case reasonPhrase = "reason_phrase"
        case userAgent = "user_agent"
        case provisionalResponses = "provisional_responses"
        case viaSentBy = "via_sent_by"
    }

    public func encode(to encoder: Encoder) throws {
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
