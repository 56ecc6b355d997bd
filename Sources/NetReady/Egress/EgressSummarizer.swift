/// Turns egress observations into the report's `egress` section: every distinct address with its count and
/// methods, the split per transport, resolver addresses apart, whether the address is stable, and notes that
/// say what a rotating pool breaks and which servers taught nothing.
enum EgressSummarizer {
    /// The `egress` section for `observations` (from egress servers and from STUN/TURN/SIP mapped addresses)
    /// and the per-server results.
    static func summarize(
        _ observations: [EgressObservation], servers: [EgressServerSummary] = []
    ) -> EgressInfo {
        let egress = observations.filter { !$0.isResolverAddress }
        let resolvers = observations.filter(\.isResolverAddress)
        var info = EgressInfo(addresses: tally(egress), stable: stability(egress))
        info.byProtocol = Dictionary(grouping: egress, by: \.transport).mapValues(tally)
        info.resolverAddresses = tally(resolvers).map {
            var address = $0
            address.via = address.via.map { "\($0) (resolver address)" }
            return address
        }
        info.servers = servers
        info.notes = notes(egress: egress, resolvers: resolvers, servers: servers)
        return info
    }

    /// Distinct addresses, IPv4 first, most seen first; each with its count and methods.
    static func tally(_ observations: [EgressObservation]) -> [EgressAddress] {
        Dictionary(grouping: observations, by: \.ip).map { ip, seen in
            EgressAddress(
                ip: ip, family: seen[0].family, count: seen.count, via: Array(Set(seen.map(\.via))).sorted())
        }.sorted {
            ($0.family, -$0.count, $0.ip) < ($1.family, -$1.count, $1.ip)
        }
    }

    /// True for one address, false for several; judged on IPv4 (where NAT pools are) unless only IPv6 was seen;
    /// nil when nothing was learned.
    static func stability(_ observations: [EgressObservation]) -> Bool? {
        let ipv4 = observations.filter { $0.family == "ipv4" }
        let judged = ipv4.isEmpty ? observations : ipv4
        guard !judged.isEmpty else { return nil }
        return Set(judged.map(\.ip)).count == 1
    }

    static func notes(
        egress: [EgressObservation], resolvers: [EgressObservation], servers: [EgressServerSummary]
    ) -> [String] {
        var notes: [String] = []
        if let rotation = rotationNote(egress) { notes.append(rotation) }
        if let split = protocolSplitNote(egress) { notes.append(split) }
        let resolverIPs = Array(Set(resolvers.map(\.ip))).sorted()
        if !resolverIPs.isEmpty {
            notes.append(
                "\(resolverIPs.joined(separator: ", ")): the address a DNS resolver's own queries leave from "
                    + "(a dns: egress server asked through the run's resolvers), not this subnet's egress address; "
                    + "add server= to ask the what-is-my-address server directly")
        }
        for server in servers where server.learned < server.connections || server.family == nil {
            notes.append(serverNote(server))
        }
        if egress.isEmpty && !servers.isEmpty {
            notes.append("no egress address learned: none of the egress servers told this subnet's address")
        }
        return notes
    }

    /// "NAT pool rotates: ..." when IPv4 traffic left from more than one address (or IPv6, with no IPv4 seen).
    static func rotationNote(_ observations: [EgressObservation]) -> String? {
        let ipv4 = observations.filter { $0.family == "ipv4" }
        let judged = ipv4.isEmpty ? observations : ipv4
        let distinct = tally(judged).map(\.ip)
        guard distinct.count > 1 else { return nil }
        return "NAT pool rotates: \(distinct.count) egress addresses seen over \(judged.count) connections "
            + "(\(distinct.joined(separator: ", "))); sessions locked to the originating IP (e.g. Salesforce "
            + "login IP ranges / session IP locking) break mid-session, and every address must be allow-listed "
            + "at the vendor"
    }

    /// A note when TCP and UDP left from entirely different IPv4 addresses (two NATs, or a NAT per protocol).
    static func protocolSplitNote(_ observations: [EgressObservation]) -> String? {
        let ipv4 = observations.filter { $0.family == "ipv4" }
        let tcp = Set(ipv4.filter { $0.transport == "tcp" }.map(\.ip))
        let udp = Set(ipv4.filter { $0.transport == "udp" }.map(\.ip))
        guard !tcp.isEmpty, !udp.isEmpty, tcp.isDisjoint(with: udp) else { return nil }
        return "TCP leaves from \(tcp.sorted().joined(separator: ", ")) but UDP from "
            + "\(udp.sorted().joined(separator: ", ")): web and signalling (TCP) and media/STUN (UDP) go through "
            + "different NAT addresses; allow-list both"
    }

    static func serverNote(_ server: EgressServerSummary) -> String {
        let why = server.error ?? "no answer"
        guard let family = server.family else { return "egress server \(server.uri) not used: \(why)" }
        if server.learned == 0 {
            return "no address learned from \(server.uri) over \(family) "
                + "(\(server.connections) of \(server.connections) connections): \(why)"
        }
        return "\(server.uri) over \(family): \(server.connections - server.learned) of \(server.connections) "
            + "connections learned nothing: \(why)"
    }
}
