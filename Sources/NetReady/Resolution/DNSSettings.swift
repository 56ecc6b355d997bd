import NetReadyPosix

/// Which resolvers netready asks and how: the servers, plus resolv.conf's search list, ndots, timeout and attempts.
package struct DNSSettings: Sendable {
    /// The resolvers, in the order a host lookup tries them; a `dns:` probe asks every one.
    package var servers: [SocketAddress]
    /// Domains appended to short names (resolv.conf `search`).
    package var search: [String]
    /// Names with fewer dots than this try the search list first (resolv.conf `ndots`).
    package var ndots: Int
    /// Longest wait for one try (resolv.conf `timeout`); a probe's shorter timeout wins.
    package var tryTimeout: Duration
    /// Tries per server (resolv.conf `attempts`).
    package var attempts: Int
    /// The EDNS0 UDP payload size advertised (the DNS Flag Day 2020 value).
    package var ednsUDPPayloadSize: UInt16 = 1232
    /// Queries leave from this address (`--source`), when it has the resolver's family.
    package var sourceAddress: String?
    /// Queries leave through this interface (`--interface`, SO_BINDTODEVICE).
    package var interface: String?

    /// Where a query to `server` leaves from: the `--source` address when it has the server's family.
    func source(for server: SocketAddress) -> SocketAddress? {
        guard let sourceAddress, let address = try? SocketAddress(ip: sourceAddress, port: 0),
            address.family == server.family
        else { return nil }
        return address
    }

    package init(
        servers: [SocketAddress], search: [String] = [], ndots: Int = 1, tryTimeout: Duration = .seconds(5),
        attempts: Int = 2
    ) {
        self.servers = servers
        self.search = search
        self.ndots = ndots
        self.tryTimeout = tryTimeout
        self.attempts = max(1, attempts)
    }

    /// The settings of a run: `explicit` resolvers (`--resolver`, else the target files' `resolvers:`) replace
    /// resolv.conf's nameservers; the rest of resolv.conf applies either way. With no server anywhere the C
    /// library's default, the local host, is used.
    ///
    /// - Throws: ``InvalidAddressError`` for an endpoint that is not `IP`, `IP:PORT` or `[IPv6]:PORT`.
    package static func load(explicit: [String], resolvConf: ResolvConf?) throws(InvalidAddressError) -> DNSSettings {
        var servers: [SocketAddress] = []
        for endpoint in explicit.isEmpty ? resolvConf?.nameservers ?? [] : explicit {
            let server = try parseEndpoint(endpoint)
            if !servers.contains(server) { servers.append(server) }
        }
        if servers.isEmpty { servers = [try SocketAddress(ip: "127.0.0.1", port: 53)] }
        return DNSSettings(
            servers: servers, search: resolvConf?.search ?? [], ndots: resolvConf?.ndots ?? 1,
            tryTimeout: .seconds(resolvConf?.timeoutSeconds ?? 5), attempts: resolvConf?.attempts ?? 2)
    }

    /// Parses `IP`, `IP:PORT`, `[IPv6]` or `[IPv6]:PORT`; the port defaults to 53.
    package static func parseEndpoint(_ text: String) throws(InvalidAddressError) -> SocketAddress {
        do {
            return try SocketAddress(endpoint: text, defaultPort: 53)
        } catch {
            throw InvalidAddressError(input: text, reason: error.description)
        }
    }

    /// How a server is shown in reports: `198.18.0.53`, or with the port when it is not 53.
    package static func label(_ server: SocketAddress) -> String {
        server.port == 53 ? server.ip : server.description
    }
}
