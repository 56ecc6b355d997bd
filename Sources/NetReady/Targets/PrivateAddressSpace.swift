import NetReadyPosix

/// Private, shared (CGNAT), link-local and loopback space: addresses of one's own network, never of a public
/// server.
package enum PrivateAddressSpace {
    static let networks = [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8",
        "fc00::/7", "fe80::/10", "::1/128",
    ].compactMap(IPNetwork.init)

    /// Whether the IP literal `ip` is in private, shared, link-local or loopback space.
    package static func contains(_ ip: String) -> Bool { networks.contains { $0.contains(ip) } }
}
