import NetReadyPosix

/// The server a `dns:` URI names with `?server=`: `IP`, `IP:PORT`, `[IPv6]:PORT`, or `NAME[:PORT]` (port 53 by
/// default). A name is resolved through the run's resolver, like any probe's host.
enum DNSServerOption {
    /// The addresses to ask, or why there are none (a `dns.*` reason and words).
    static func endpoints(
        _ text: String, family: AddressFamily?, resolver: any HostResolver, timeout: Duration
    ) async -> HostResolution {
        if let endpoint = try? DNSSettings.parseEndpoint(text) {
            guard family == nil || family == endpoint.family else {
                return HostResolution(
                    addresses: [], failure: (.dnsTimeout, "server \(text) is not an \(family!) address (-4/-6)"))
            }
            return HostResolution(addresses: [endpoint])
        }
        var name = text
        var port: UInt16 = 53
        if let split = try? HostPort(splitting: text), let written = try? split.port(default: 53) {
            name = split.host
            port = written
        }
        return await resolver.resolve(host: name, family: family, port: port, timeout: timeout, sinkholes: [])
    }
}
