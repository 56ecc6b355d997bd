import NetReadyPosix

/// `--format firewall` (and `-o FILE.csv`): a change request for the firewall team, as CSV (RFC 4180).
///
/// One row per required destination that was blocked (`allow`: the rule to open) and per destination that
/// should be blocked but got through (`deny`, from `expect: blocked`): the host, the addresses it resolved to,
/// protocol and port(s), direction, where the path stops (hop and router, from `--trace-blocked`), the reason,
/// and the target that needs it — what a network team pastes into a change ticket.
package struct FirewallRenderer: ReportRenderer {
    package init() {}

    static let columns = [
        "action", "target", "host", "addresses", "protocol", "ports", "direction", "blocked_at", "reason", "message",
        "uri",
    ]

    package func render(_ report: Report) throws -> String {
        var rows = [Self.columns]
        for target in report.targets where target.required {
            for probe in target.probes where probe.status == .fail && probe.kind != "egress" {
                let action = probe.reason == .expectReachable ? "deny" : "allow"
                let (transport, ports) = Self.transportAndPorts(probe)
                rows.append([
                    action, target.name, probe.host ?? "", Self.addresses(probe).joined(separator: " "), transport,
                    ports, "outbound", Self.blockedAt(probe), probe.reason?.rawValue ?? "", probe.message, probe.uri,
                ])
            }
        }
        return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The protocol a rule must open and its port or range, from the probe URI.
    static func transportAndPorts(_ probe: ProbeResult) -> (String, String) {
        guard let uri = try? ProbeURI(parsing: probe.uri) else { return (probe.kind, probe.port.map(String.init) ?? "") }
        switch uri.kind {
        case .icmp: return ("icmp", "")
        case .dns: return ("udp+tcp", String(Self.dnsServerPort(probe) ?? 53))
        default:
            let transport = PathTransport(carrying: uri)?.rawValue ?? uri.kind.rawValue
            guard let ports = uri.ports else { return (transport, "") }
            return (transport, ports.count == 1 ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)")
        }
    }

    /// The addresses the rule must cover: what the name resolved to, else the addresses probed; for a `dns:`
    /// probe, the resolvers asked.
    static func addresses(_ probe: ProbeResult) -> [String] {
        if probe.kind == "dns" {
            return probe.details["resolvers"]?.arrayValue?.compactMap { $0["resolver"]?.stringValue } ?? []
        }
        if let answers = probe.details["dns"]?["answers"]?.arrayValue?.compactMap(\.stringValue), !answers.isEmpty {
            return answers
        }
        let probed = probe.details["addresses"]?.arrayValue?.compactMap { $0["address"]?.stringValue } ?? []
        return unique((probed.isEmpty ? [probe.address].compactMap { $0 } : probed).map(Self.hostPart))
    }

    /// Where the traced path stops: "after hop 2 (10.0.0.1)" or the router that rejected it.
    static func blockedAt(_ probe: ProbeResult) -> String {
        guard let path = probe.details["path"] else { return "" }
        if path["outcome"]?.stringValue == "rejected", let finding = path["finding"]?.stringValue { return finding }
        if let hop = path["stops_after_hop"]?.intValue, let address = path["stops_after_address"]?.stringValue {
            return "after hop \(hop) (\(address))"
        }
        return ""
    }

    private static func dnsServerPort(_ probe: ProbeResult) -> UInt16? {
        guard let resolver = probe.details["resolvers"]?.arrayValue?.first?["resolver"]?.stringValue,
            let port = (try? HostPort(splitting: resolver))?.portText
        else { return nil }
        return HostPort.port(port)
    }

    /// `10.0.0.1:443` → `10.0.0.1`, `[fd00::1]:443` → `fd00::1`.
    static func hostPart(_ address: String) -> String {
        (try? HostPort(splitting: address))?.host ?? address
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180); a leading `=`, `+`, `-` or `@`
    /// is prefixed with `'` so a spreadsheet does not run it as a formula.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
