/// One cause behind many failed probes, said once (`summary.root_causes[]`): every lookup failing because the
/// resolver cannot be reached, every connection failing because there is no route.
package struct RootCause: Codable, Sendable, Equatable {
    /// The reason the probes share (`dns.unreachable`, `tcp.unreachable`, ...).
    package var reason: Reason?
    /// "resolver 10.0.0.53 unreachable: 7 probes could not start".
    package var message: String
    /// The probes it explains, by URI.
    package var probes: [String]

    /// The fewest failed probes that make a shared cause worth one line of its own.
    static let minimumProbes = 3

    /// The causes behind the failed (and errored) probes of `results`: no route (ENETUNREACH), else the same
    /// reason with the same message (an unreachable resolver says the same for every lookup).
    static func find(in results: [ProbeResult]) -> [RootCause] {
        var remaining = results.filter { $0.status == .fail || $0.status == .error }
        // An unreachable resolver first (its lookups fail with one message), then no route, then any other
        // reason shared word for word.
        var causes = sameMessage(in: remaining.filter { $0.reason == .dnsUnreachable }) {
            "resolver unreachable — \($0): \($1) probes could not start"
        }
        let explained = Set(causes.flatMap(\.probes))
        remaining.removeAll { explained.contains($0.uri) }
        let noRoute = remaining.filter {
            $0.message.contains("ENETUNREACH") || $0.message.contains("Network is unreachable")
        }
        if noRoute.count >= minimumProbes {
            causes.append(
                RootCause(
                    reason: noRoute.compactMap(\.reason).first,
                    message: "no route to the destinations (ENETUNREACH: this host has no route out): "
                        + "\(noRoute.count) probes could not start",
                    probes: noRoute.map(\.uri)))
            let routed = Set(noRoute.map(\.uri))
            remaining.removeAll { routed.contains($0.uri) }
        }
        return causes + sameMessage(in: remaining) { "\($0): \($1) probes failed alike" }
    }

    /// Groups of at least ``minimumProbes`` with the same reason and message, in first-seen order.
    private static func sameMessage(
        in results: [ProbeResult], describe: (String, Int) -> String
    ) -> [RootCause] {
        var groups: [String: [ProbeResult]] = [:]
        var order: [String] = []
        for result in results {
            let key = "\(result.reason?.rawValue ?? "-")\u{0}\(result.message)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(result)
        }
        return order.compactMap { key in
            guard let group = groups[key], group.count >= minimumProbes, let first = group.first else { return nil }
            return RootCause(
                reason: first.reason, message: describe(first.message, group.count), probes: group.map(\.uri))
        }
    }
}
