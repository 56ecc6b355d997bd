import NetReadyPosix

/// The destination to trace for a failed `tcp://` or `udp://` result: which address, which port, which protocol.
///
/// Read from what the prober recorded: the first address that did not connect (TCP) or the probed address, and for
/// a port range the lowest port in a blocked state.
struct BlockedPathTarget: Hashable, Sendable {
    let transport: PathTransport
    let destination: SocketAddress

    /// Port states that mean the path is blocked (TCP and UDP names).
    private static let blockedStates = ["timeout", "prohibited", "unreachable", "refused", "filtered", "rejected"]

    init(transport: PathTransport, destination: SocketAddress) {
        self.transport = transport
        self.destination = destination
    }

    init?(result: ProbeResult, probe: PlannedProbe) {
        switch probe.uri.kind {
        case .tcp: transport = .tcp
        case .udp: transport = .udp
        default: return nil
        }
        guard let ports = probe.uri.ports else { return nil }
        let port = ports.count == 1 ? ports.lowerBound : Self.firstBlockedPort(in: result.observations)
        guard let port, let address = Self.failedAddress(in: result) else { return nil }
        destination = address.withPort(port)
    }

    /// The first per-address entry that did not connect, else the probe's address.
    private static func failedAddress(in result: ProbeResult) -> SocketAddress? {
        if let failed = result.observations.tcp?.firstFailedAddress { return failed }
        return result.address.flatMap(parse)
    }

    /// `"198.18.0.20:443"`, `"[fd77:ff::20]:443"` or a bare IP.
    private static func parse(_ text: String) -> SocketAddress? {
        if let address = try? SocketAddress(ip: text, port: 0) { return address }
        var host = Substring(text)
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return try? SocketAddress(ip: String(host), port: 0)
    }

    /// The lowest port in a blocked state of a TCP or UDP port range.
    private static func firstBlockedPort(in observations: ProbeObservations) -> UInt16? {
        let tcp = observations.tcp?.portsByState?.filter { blockedStates.contains($0.state) }.flatMap(\.ports) ?? []
        let udp = observations.udp?.portsByState.filter { blockedStates.contains($0.key) }.flatMap(\.value) ?? []
        return (tcp + udp).min()
    }
}
