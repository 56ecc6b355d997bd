/// `details.dns`: how a probe's host name became addresses (netready's resolver, an RFC 6761 loopback name, or
/// getaddrinfo), with the answers, TTL, rcode and time.
package struct ResolutionObservation: Encodable, Sendable {
    /// `"getaddrinfo"` when the system resolver answered; nil for netready's own resolver.
    package var via: String?
    /// The resolver that answered (nil for getaddrinfo).
    package var resolver: String?
    /// The answers (addresses, or records as text).
    package var answers: [String]?
    /// The response code; written (null when there was none) only for netready's resolver.
    package var rcode: String?
    /// The lookup's time (the slowest query's).
    package var ms: Double
    /// Each query on its own (netready's resolver).
    package var queries: [DNSQueryObservation]?
    /// The smallest TTL of the answers.
    package var ttl: Int?
    /// The CNAME chain followed.
    package var cname: [String]?
    /// getaddrinfo's error name, or `"timeout"`.
    package var error: String?

    package init(
        via: String? = nil, resolver: String? = nil, answers: [String]? = nil, rcode: String? = nil, ms: Double,
        queries: [DNSQueryObservation]? = nil, ttl: Int? = nil, cname: [String]? = nil, error: String? = nil
    ) {
        self.via = via
        self.resolver = resolver
        self.answers = answers
        self.rcode = rcode
        self.ms = ms
        self.queries = queries
        self.ttl = ttl
        self.cname = cname
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case via, resolver, answers, rcode, ms, queries, ttl, cname, error
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(via, forKey: .via)
        try container.encodeIfPresent(resolver, forKey: .resolver)
        try container.encodeIfPresent(answers, forKey: .answers)
        if resolver != nil { try container.encode(rcode, forKey: .rcode) }
        try container.encode(ms, forKey: .ms)
        try container.encodeIfPresent(queries, forKey: .queries)
        try container.encodeIfPresent(ttl, forKey: .ttl)
        try container.encodeIfPresent(cname, forKey: .cname)
        try container.encodeIfPresent(error, forKey: .error)
    }
}

/// One DNS query as the report records it (`details.dns.queries[]`).
package struct DNSQueryObservation: Encodable, Sendable {
    package var resolver: String
    package var name: String
    package var type: String
    package var rcode: String?
    package var answers: [String]
    package var transport: String
    package var ms: Double
    package var ttl: Int?
    package var cname: [String]?
    package var error: String?

    enum CodingKeys: String, CodingKey {
        case resolver, name, type, rcode, answers, transport, ms, ttl, cname, error
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resolver, forKey: .resolver)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(rcode, forKey: .rcode)
        try container.encode(answers, forKey: .answers)
        try container.encode(transport, forKey: .transport)
        try container.encode(ms, forKey: .ms)
        try container.encodeIfPresent(ttl, forKey: .ttl)
        try container.encodeIfPresent(cname, forKey: .cname)
        try container.encodeIfPresent(error, forKey: .error)
    }
}
