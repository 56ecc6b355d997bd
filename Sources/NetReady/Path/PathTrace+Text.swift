extension PathTrace {
    /// Hop lines in the manner of traceroute (` 1  10.77.1.1  0.21 ms  time-exceeded`), then the finding.
    package var text: String {
        var lines: [String] = []
        if let destination { lines.append("path to \(destination) over \(transport.rawValue)") }
        for hop in hops {
            let ttl = String(repeating: " ", count: max(0, 2 - String(hop.ttl).count)) + String(hop.ttl)
            guard hop.answered else {
                lines.append("\(ttl)  *")
                continue
            }
            let rtt = hop.roundTrip.map { String(format: "%.3f ms", locale: nil, $0.milliseconds) } ?? "-"
            let version = (hop.address ?? "").contains(":") ? "ICMPv6" : "ICMP"
            let icmp = hop.icmp.map { " (\(version) type \($0.type) code \($0.code))" } ?? ""
            lines.append("\(ttl)  \(hop.address ?? "?")  \(rtt)  \(hop.answer.rawValue)\(icmp)")
        }
        lines.append(finding.words)
        return lines.joined(separator: "\n") + "\n"
    }
}
