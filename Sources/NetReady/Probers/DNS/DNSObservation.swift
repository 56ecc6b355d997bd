/// What a `dns:` probe saw: the name and type asked, and what each resolver said (`details.resolvers`).
package struct DNSObservation: Encodable, Sendable {
    package var name: String
    package var type: String
    package var resolvers: [DNSResolverObservation]
}

/// One resolver's entry in `details.resolvers`.
package struct DNSResolverObservation: Encodable, Sendable {
    package var resolver: String
    package var status: String
    package var reason: Reason?
    package var rcode: String?
    package var answers: [String]
    package var transport: String
    package var samples: Int
    package var answered: Int
    package var ttl: Int?
    package var cname: [String]?
    /// p50, p90, p99 and max of the answered samples.
    package var latency: LatencySummary?

    enum CodingKeys: String, CodingKey {
        case resolver, status, reason, rcode, answers, transport, samples, answered, ttl, cname
        case latency = "latency_ms"
    }

    enum LatencyKeys: String, CodingKey {
        case p50, p90, p99, max
    }

    package func encode(to encoder: Encoder) throws {
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
