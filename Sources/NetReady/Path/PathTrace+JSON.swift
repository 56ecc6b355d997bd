extension PathTrace {
    /// SPEC `details.path`: `{transport, destination, hops[{ttl, address, rtt_ms, answer, icmp}], finding, outcome,
    /// stops_after_hop, stops_after_address}`.
    package var json: JSONValue {
        var object: [String: JSONValue] = [
            "transport": .string(transport.rawValue),
            "destination": destination.map(JSONValue.string) ?? .null,
            "hops": .array(hops.map(\.json)),
            "finding": .string(finding.words),
            "outcome": .string(finding.outcome),
            "stops_after_hop": .null,
            "stops_after_address": .null,
        ]
        if let stop = finding.stopsAfter {
            object["stops_after_hop"] = .int(stop.hop)
            object["stops_after_address"] = .string(stop.address)
        }
        return .object(object)
    }
}
