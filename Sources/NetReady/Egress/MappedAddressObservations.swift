/// The egress addresses STUN, TURN and SIP probes of a run saw: each result's `details.mapped_addresses`
/// (`"IP:PORT"` strings, one per fresh flow), as egress observations.
enum MappedAddressObservations {
    /// Every mapped address in `results`, with the probe's method and transport.
    static func collect(from results: [ProbeResult]) -> [EgressObservation] {
        results.flatMap { result -> [EgressObservation] in
            guard case .array(let values)? = result.details["mapped_addresses"] else { return [] }
            let via = method(kind: result.kind)
            let transport = result.transport.map(Self.transport) ?? "udp"
            return values.compactMap { value in
                // A loopback mapped address means the server runs on this host: it says nothing of egress.
                guard let ip = value.stringValue.flatMap(address(inEndpoint:)), !isLoopback(ip) else { return nil }
                return EgressObservation(ip: ip, via: via, transport: transport)
            }
        }
    }

    /// The address of `IP:PORT`, `[IPv6]:PORT` or a bare address; nil for anything else.
    static func address(inEndpoint text: String) -> String? {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return EgressAddressText.canonical(String(text[text.index(after: text.startIndex)..<close]))
        }
        if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            return EgressAddressText.canonical(String(text[..<colon]))
        }
        return EgressAddressText.canonical(text)
    }

    /// 127.0.0.0/8 and ::1.
    static func isLoopback(_ ip: String) -> Bool { ip.hasPrefix("127.") || ip == "::1" }

    /// `stun` for stun:/stuns:, `turn` for turn:/turns:, `sip` for sip:/sips:.
    static func method(kind: String) -> String {
        ["stuns": "stun", "turns": "turn", "sips": "sip"][kind] ?? kind
    }

    /// The NAT mapping a transport goes through: `udp`, else `tcp` (TLS and WebSocket run over TCP).
    static func transport(_ name: String) -> String { name == "udp" ? "udp" : "tcp" }
}
