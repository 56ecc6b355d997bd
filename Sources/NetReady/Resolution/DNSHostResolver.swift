import NetReadyPosix
import NetReadyWire

/// netready's own stub resolver for every probe's host name: A and AAAA asked together, through the configured
/// resolvers in turn, with resolv.conf's search list; the lookup is recorded in the probe's `details.dns`.
///
/// `localhost` and `*.localhost` are answered as loopback without a query (RFC 6761 §6.3): they must never reach
/// a corporate resolver, and a lookup of them says nothing about the network being checked.
package struct DNSHostResolver: HostResolver {
    package let settings: DNSSettings

    package init(settings: DNSSettings) {
        self.settings = settings
    }

    package func resolve(
        host: String, family: AddressFamily?, port: UInt16, timeout: Duration, sinkholes: [String]
    ) async -> HostResolution {
        if SocketAddress.isIPLiteral(host), let address = try? SocketAddress(ip: host, port: port) {
            return HostResolution(addresses: [address])
        }
        if SystemHostResolver.isLoopbackName(host) {
            return loopback(family: family, port: port)
        }
        guard !settings.servers.isEmpty else {
            return HostResolution(addresses: [], failure: (.dnsTimeout, "no resolver to ask for \(host)"))
        }
        let types: [DNSRecordType] = family == .inet ? [.a] : family == .inet6 ? [.aaaa] : [.aaaa, .a]
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var lookups: [DNSLookup] = []
        for candidate in candidates(for: host) {
            lookups = await lookUp(candidate, types: types, deadline: deadline)
            // Only a name that does not exist moves on to the next search domain, as in glibc.
            if !lookups.allSatisfy({ $0.failure?.reason == .dnsNXDomain }) || clock.now >= deadline { break }
        }
        return resolution(host: host, lookups: lookups, port: port, sinkholes: sinkholes)
    }

    /// The names to try, in order (resolv.conf(5) `search` and `ndots`).
    func candidates(for host: String) -> [String] {
        if host.hasSuffix(".") { return [String(host.dropLast())] }
        let searched = settings.search.map { "\(host).\($0)" }
        let dots = host.filter { $0 == "." }.count
        return dots >= settings.ndots ? [host] + searched : searched + [host]
    }

    /// Asks for every type at once; each type goes to the servers in turn until one gives a real answer.
    private func lookUp(
        _ name: String, types: [DNSRecordType], deadline: ContinuousClock.Instant
    ) async
        -> [DNSLookup]
    {
        await withTaskGroup(of: (Int, DNSLookup).self) { group in
            for (index, type) in types.enumerated() {
                group.addTask {
                    var last: DNSLookup?
                    for (position, server) in settings.servers.enumerated() {
                        let left = deadline - ContinuousClock.now
                        if left <= .zero, last != nil { break }
                        let share = left / (settings.servers.count - position)
                        let lookup = await DNSLookup.run(
                            name, type: type, server: server, settings: settings,
                            timeout: share)
                        last = lookup
                        if lookup.failure == nil || lookup.failure?.reason == .dnsNXDomain { break }
                    }
                    return (index, last!)
                }
            }
            var results = [DNSLookup?](repeating: nil, count: types.count)
            for await (index, lookup) in group { results[index] = lookup }
            return results.compactMap { $0 }
        }
    }

    private func resolution(host: String, lookups: [DNSLookup], port: UInt16, sinkholes: [String]) -> HostResolution {
        let addresses = lookups.flatMap(\.records).compactMap { record -> SocketAddress? in
            switch record.data {
            case .a(let bytes), .aaaa(let bytes): try? SocketAddress(ip: IPAddressText.format(bytes), port: port)
            default: nil
            }
        }
        let observation = Self.observation(lookups)
        if let sinkhole = addresses.first(where: { SystemHostResolver.isSinkhole($0.ip, listed: sinkholes) }) {
            let by = lookups.first.map { " (resolver \(DNSSettings.label($0.server)))" } ?? ""
            let message = "\(host) resolves to \(sinkhole.ip), a sinkhole address\(by)"
            return HostResolution(addresses: addresses, failure: (.dnsSinkhole, message), observation: observation)
        }
        if !addresses.isEmpty { return HostResolution(addresses: addresses, observation: observation) }
        if let failure = lookups.compactMap(\.failure).first {
            return HostResolution(addresses: [], failure: failure, observation: observation)
        }
        let server = lookups.first.map { DNSSettings.label($0.server) } ?? "the resolver"
        return HostResolution(
            addresses: [], failure: (.dnsNXDomain, "\(server): \(host) has no address (NOERROR, no data)"),
            observation: observation)
    }

    private func loopback(family: AddressFamily?, port: UInt16) -> HostResolution {
        let ips = family == .inet ? ["127.0.0.1"] : family == .inet6 ? ["::1"] : ["127.0.0.1", "::1"]
        let addresses = ips.compactMap { try? SocketAddress(ip: $0, port: port) }
        return HostResolution(
            addresses: addresses,
            observation: ResolutionObservation(
                resolver: "none (RFC 6761 loopback name)", answers: ips, rcode: "NOERROR", ms: 0))
    }

    /// `details.dns`: the resolver, answers, TTL, rcode and time of the lookup, and each query on its own.
    static func observation(_ lookups: [DNSLookup]) -> ResolutionObservation {
        let answered = lookups.first { $0.failure == nil } ?? lookups.first
        return ResolutionObservation(
            resolver: answered.map { DNSSettings.label($0.server) } ?? "",
            answers: lookups.flatMap(\.answers),
            rcode: answered?.responseCode?.description,
            ms: LatencySummary.rounded(lookups.map(\.elapsed.milliseconds).max() ?? 0),
            queries: lookups.map(\.observation),
            ttl: lookups.compactMap(\.ttl).min().map { Int($0) },
            cname: lookups.first(where: { !$0.chain.isEmpty })?.chain)
    }
}

extension DNSLookup {
    /// One query as the report records it.
    var observation: DNSQueryObservation {
        DNSQueryObservation(
            resolver: DNSSettings.label(server), name: name, type: type.description, rcode: responseCode?.description,
            answers: answers, transport: transport, ms: LatencySummary.rounded(elapsed.milliseconds),
            ttl: ttl.map { Int($0) }, cname: chain.isEmpty ? nil : chain, error: failure?.message)
    }
}
