import NetReadyPosix
import NetReadyWire

/// A DNS "what is my address" name: `dns:NAME?type=TXT|A|AAAA[&server=SERVER]`, one query per fresh UDP socket.
///
/// With `server=` the question goes straight to that server (the name's authoritative server, such as
/// Google's `o-o.myaddr.l.google.com` at `ns1.google.com`), which answers with the address the query came
/// from: this subnet's egress address. Without it the question goes through the run's (recursive)
/// resolvers, and the answer is the address the *resolver's* query came from: reported apart, as the
/// resolver's address, never as this subnet's egress. Without `type=`, A is asked over IPv4 and AAAA over IPv6.
struct DNSWhoamiMethod: EgressMethod {
    let uri: ProbeURI

    var via: String { "dns" }
    var transport: String { "udp" }
    var seesResolverAddress: Bool { uri.dnsServer == nil }

    func endpoints(context: ProbeContext) async -> HostResolution {
        if let server = uri.dnsServer {
            return await DNSServerOption.endpoints(
                server, family: context.options.family, resolver: context.resolver, timeout: context.options.timeout)
        }
        let servers = settings(context).servers.filter {
            context.options.family == nil || $0.family == context.options.family
        }
        return HostResolution(addresses: servers, failure: servers.isEmpty ? (.dnsTimeout, "no resolver to ask") : nil)
    }

    func ask(_ endpoint: SocketAddress, context: ProbeContext) async -> EgressAnswer {
        let type = uri.dnsType.flatMap { DNSRecordType(name: $0) } ?? (endpoint.family == .inet6 ? .aaaa : .a)
        let lookup = await DNSLookup.run(
            uri.host, type: type, server: endpoint, settings: settings(context), timeout: context.options.timeout)
        if let failure = lookup.failure { return .miss(failure.message) }
        for record in lookup.records {
            switch record.data {
            case .a(let bytes), .aaaa(let bytes):
                if let ip = EgressAddressText.canonical(IPAddressText.format(bytes)) { return .address(ip) }
            case .txt(let strings):
                for string in strings {
                    if let ip = EgressAddressText.address(inText: String(decoding: string, as: UTF8.self)) {
                        return .address(ip)
                    }
                }
            default: continue
            }
        }
        return .miss("\(DNSSettings.label(endpoint)) answered \(type) \(uri.host) without an address")
    }

    private func settings(_ context: ProbeContext) -> DNSSettings {
        context.options.dns ?? (try? DNSSettings.load(explicit: [], resolvConf: try? ResolvConf.load()))
            ?? DNSSettings(servers: [])
    }
}
