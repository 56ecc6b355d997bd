/// The egress addresses STUN, TURN and SIP probes of a run saw: each result's mapped addresses (one per fresh
/// flow), as egress observations.
package enum MappedAddressObservations {
    /// Every mapped address in `results`, with the probe's method and transport.
    package static func collect(from results: [ProbeResult]) -> [EgressObservation] {
        results.flatMap { result -> [EgressObservation] in
            let via = method(kind: result.kind)
            let transport = result.transport.map(Self.transport) ?? "udp"
            return result.observations.mappedAddresses.compactMap { address in
                // A loopback mapped address means the server runs on this host: it says nothing of egress.
                guard let ip = EgressAddressText.canonical(address.ip), !isLoopback(ip) else { return nil }
                return EgressObservation(ip: ip, via: via, transport: transport)
            }
        }
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
