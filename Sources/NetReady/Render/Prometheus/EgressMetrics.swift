/// The egress section in the Prometheus text format: how many distinct egress addresses, whether the address
/// is stable, and each address (the `ip` label is bounded by the NAT pool's size).
enum EgressMetrics {
    /// The metric families, each with HELP and TYPE; `netready_egress_stable` only when it is known.
    static func write(_ egress: EgressInfo, into out: inout ExpositionWriter) {
        out.family("netready_egress_addresses", "gauge", "Distinct egress addresses seen, by address family.")
        for family in ["ipv4", "ipv6"] {
            out.sample(
                "netready_egress_addresses", [("family", family)],
                Double(egress.addresses.filter { $0.family == family }.count))
        }
        out.family(
            "netready_egress_stable", "gauge",
            "Whether one egress address was seen (1) or several, a rotating pool (0).")
        if let stable = egress.stable { out.sample("netready_egress_stable", [], stable ? 1 : 0) }
        out.family("netready_egress_address_info", "gauge", "An egress address this run saw (always 1).")
        for address in egress.addresses {
            out.sample("netready_egress_address_info", [("ip", address.ip), ("family", address.family)], 1)
        }
        out.family(
            "netready_egress_address_connections", "gauge", "Connections seen leaving from each egress address.")
        for address in egress.addresses {
            out.sample(
                "netready_egress_address_connections", [("ip", address.ip), ("family", address.family)],
                Double(address.count))
        }
    }
}

extension EgressMetrics {
    /// The egress families on their own.
    static func text(_ egress: EgressInfo) -> String {
        var out = ExpositionWriter()
        write(egress, into: &out)
        return out.text
    }
}
