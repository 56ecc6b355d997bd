/// What a `dns:` probe saw: the name and type asked, and what each resolver said (`details.resolvers`).
public struct DNSObservation: Encodable, Sendable {
    public var name: String
    public var type: String
    public var resolvers: [DNSResolverObservation]
}

/// One resolver's entry in `details.resolvers`.
public struct DNSResolverObservation: Encodable, Sendable {
    public var resolver: String
    public var status: String
    public var reason: Reason?
    public var rcode: String?
    public var answers: [String]
    public var transport: String
    public var samples: Int
    public var answered: Int
    public var ttl: Int?
    public var cname: [String]?
    /// p50, p90, p99 and max of the answered samples.
    public var latency: LatencySummary?

    enum CodingKeys: String, CodingKey {
        case resolver, status, reason, rcode, answers, transport, samples, answered, ttl, cname
        case latency = "latency_ms"
    }

    enum LatencyKeys: String, CodingKey {
        case p50, p90, p99, max
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resolver, forKey: .resolver)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(rcode, forKey: .rcode)
        try container.encode(answers, forKey: .answers)
        try container.encode(transport, forKey: .transport)
        try container.encode(samples, forKey: .samples)
        try container.encode(answered, forKey: .answered)
        try container.encodeIfPresent(ttl, forKey: .ttl)
        try container.encodeIfPresent(cname, forKey: .cname)
        if let latency {
            var figures = container.nestedContainer(keyedBy: LatencyKeys.self, forKey: .latency)
            try figures.encode(latency.p50, forKey: .p50)
            try figures.encode(latency.p90, forKey: .p90)
            try figures.encode(latency.p99, forKey: .p99)
            try figures.encode(latency.max, forKey: .max)
        }
    }
}
