/// The egress section in the Prometheus text format: how many distinct egress addresses, whether the address
/// is stable, and connections per address (the `ip` label is bounded by the NAT pool's size).
enum EgressMetrics {
    /// The metric families, each with HELP and TYPE; `netready_egress_stable` only when it is known.
    static func text(_ egress: EgressInfo) -> String {
        var out = "# HELP netready_egress_addresses Distinct egress addresses seen, by address family.\n"
        out += "# TYPE netready_egress_addresses gauge\n"
        for family in ["ipv4", "ipv6"] {
            out +=
                "netready_egress_addresses{family=\"\(family)\"} "
                + "\(egress.addresses.filter { $0.family == family }.count)\n"
        }
        out +=
            "# HELP netready_egress_stable Whether one egress address was seen (1) or several, a rotating pool (0).\n"
        out += "# TYPE netready_egress_stable gauge\n"
        if let stable = egress.stable { out += "netready_egress_stable \(stable ? 1 : 0)\n" }
        out += "# HELP netready_egress_address_connections Connections seen leaving from each egress address.\n"
        out += "# TYPE netready_egress_address_connections gauge\n"
        for address in egress.addresses {
            out +=
                "netready_egress_address_connections{ip=\"\(address.ip)\",family=\"\(address.family)\"} "
                + "\(address.count)\n"
        }
        return out
    }
}
