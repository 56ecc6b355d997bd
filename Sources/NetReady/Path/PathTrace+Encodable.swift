/// SPEC `details.path` (and `netready trace --format json`): `{transport, destination, hops[{ttl, address, rtt_ms,
/// answer, icmp}], finding, outcome, stops_after_hop, stops_after_address}`.
extension PathTrace: Encodable {
    enum CodingKeys: String, CodingKey {
        case transport, destination, hops, finding, outcome
        case stopsAfterHop = "stops_after_hop"
        case stopsAfterAddress = "stops_after_address"
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transport.rawValue, forKey: .transport)
        try container.encode(destination, forKey: .destination)
        try container.encode(hops, forKey: .hops)
        try container.encode(finding.words, forKey: .finding)
        try container.encode(finding.outcome, forKey: .outcome)
        try container.encode(finding.stopsAfter?.hop, forKey: .stopsAfterHop)
        try container.encode(finding.stopsAfter?.address, forKey: .stopsAfterAddress)
    }
}

/// `{ttl, address, rtt_ms, answer, icmp{type, code}}`; a silent hop has address `"*"` and `rtt_ms` null.
extension PathHop: Encodable {
    enum CodingKeys: String, CodingKey {
        case ttl, address, answer, icmp
        case roundTrip = "rtt_ms"
    }

    enum ICMPKeys: String, CodingKey {
        case type, code
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ttl, forKey: .ttl)
        try container.encode(address ?? "*", forKey: .address)
        try container.encode(answer.rawValue, forKey: .answer)
        try container.encode(roundTrip.map { ($0.milliseconds * 1000).rounded() / 1000 }, forKey: .roundTrip)
        if let icmp {
            var figures = container.nestedContainer(keyedBy: ICMPKeys.self, forKey: .icmp)
            try figures.encode(Int(icmp.type), forKey: .type)
            try figures.encode(Int(icmp.code), forKey: .code)
        } else {
            try container.encodeNil(forKey: .icmp)
        }
    }
}
