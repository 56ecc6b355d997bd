/// The "Egress" block of the table output: each address with its count, methods and transports, resolver
/// addresses apart, whether the address is stable, the NAT mapping behaviour, and the notes (rotation warning,
/// servers that taught nothing).
package enum EgressTableBlock {
    /// The block's lines; empty when the run learned nothing and has nothing to say about egress.
    package static func lines(_ egress: EgressInfo) -> [String] {
        let resolvers = egress.resolverAddresses ?? []
        guard !egress.addresses.isEmpty || !resolvers.isEmpty || !egress.notes.isEmpty || egress.nat != nil else {
            return []
        }
        var lines = ["Egress" + heading(egress)]
        let width = max(15, (egress.addresses + resolvers).map(\.ip.count).max() ?? 0)
        for address in egress.addresses {
            let transports = (egress.byProtocol ?? [:]).filter { $0.value.contains { $0.ip == address.ip } }.keys
            let over = transports.isEmpty ? "" : " over \(transports.sorted().joined(separator: ", "))"
            lines.append(
                "  " + address.ip.padding(toLength: width, withPad: " ", startingAt: 0)
                    + " \(String(repeating: " ", count: max(0, 4 - "\(address.count)".count)))\(address.count)×  "
                    + "via \(address.via.joined(separator: ", "))\(over)")
        }
        for address in resolvers {
            lines.append(
                "  " + address.ip.padding(toLength: width, withPad: " ", startingAt: 0)
                    + " \(String(repeating: " ", count: max(0, 4 - "\(address.count)".count)))\(address.count)×  "
                    + "resolver's address (not this subnet's egress)")
        }
        if let nat = egress.nat { lines.append("  NAT: \(nat.summary)") }
        lines += egress.notes.filter { $0 != egress.nat?.summary }.map { "  note: \($0)" }
        return lines
    }

    /// ` — stable (1 IPv4 address)`, ` — NOT STABLE (3 IPv4 addresses)`, or nothing when unknown.
    static func heading(_ egress: EgressInfo) -> String {
        let ipv4 = egress.addresses.filter { $0.family == "ipv4" }.count
        let count = ipv4 > 0 ? ipv4 : egress.addresses.count
        let plural = (ipv4 > 0 ? "IPv4 " : "") + (count == 1 ? "address" : "addresses")
        switch egress.stable {
        case true?: return " — stable (\(count) \(plural))"
        case false?: return " — NOT STABLE (\(count) \(plural))"
        case nil: return egress.addresses.isEmpty ? " — no address learned" : ""
        }
    }
}
