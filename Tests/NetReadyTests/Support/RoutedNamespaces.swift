import Foundation

/// Two throwaway namespaces for a test: a client 10.66.1.2 behind a Linux router 10.66.1.1 that keeps the kernel's
/// default ICMP rate limits and forwards 10.66.9.0/24 to a fake neighbour, where every packet vanishes. So each
/// path to 10.66.9.X stops after hop 1, and the router answers TTL-expired probes as a real one would: a short
/// burst, then about one a second.
final class RoutedNamespaces: Sendable {
    let client: String
    let router: String
    /// The router's address as the client sees it (hop 1).
    let routerAddress = "10.66.1.1"

    init() throws {
        let tag = "\(getpid())-\(UInt16.random(in: 0..<UInt16.max))"
        client = "nr-test-c-\(tag)"
        router = "nr-test-r-\(tag)"
        for command in [
            "ip netns add \(client)", "ip netns add \(router)",
            "ip -n \(client) link set lo up", "ip -n \(router) link set lo up",
            "ip link add nr-c0 netns \(client) type veth peer name nr-r0 netns \(router)",
            "ip -n \(client) addr add 10.66.1.2/24 dev nr-c0", "ip -n \(router) addr add 10.66.1.1/24 dev nr-r0",
            "ip -n \(client) link set nr-c0 up", "ip -n \(router) link set nr-r0 up",
            "ip -n \(client) route add default via 10.66.1.1",
            "ip -n \(router) link add nr-void type veth peer name nr-sink",
            "ip -n \(router) link set nr-void up", "ip -n \(router) link set nr-sink up",
            "ip -n \(router) addr add 10.66.8.1/24 dev nr-void",
            "ip -n \(router) neigh replace 10.66.8.2 lladdr 02:00:00:00:00:02 dev nr-void nud permanent",
            "ip -n \(router) route add 10.66.9.0/24 via 10.66.8.2 dev nr-void",
            "ip netns exec \(router) sysctl -qw net.ipv4.ip_forward=1",
        ] {
            try BlackholeNamespace.shell(command)
        }
    }

    deinit {
        try? BlackholeNamespace.shell("ip netns del \(client)")
        try? BlackholeNamespace.shell("ip netns del \(router)")
    }

    /// The prefix to run a command in the client namespace.
    var clientPrefix: [String] { ["/usr/sbin/ip", "netns", "exec", client] }

    /// The router's `net.ipv4.icmp_ratelimit` in milliseconds (1000 unless the kernel's default changed).
    func routerICMPRateLimit() throws -> Int {
        let text = try BlackholeNamespace.shell("ip netns exec \(router) sysctl -n net.ipv4.icmp_ratelimit")
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
