import NetReadyPosix

/// What `netready responder` listens on and whom it answers.
package struct ResponderConfiguration: Sendable {
    /// Addresses and port ranges to echo on, UDP and TCP alike.
    package var listen: [(ip: String, ports: ClosedRange<UInt16>)]
    /// Client networks that get answers; everyone else is ignored, so the responder is no reflector.
    package var allow: [IPNetwork]
    /// Datagrams answered per second per client address (a token bucket with a one-second burst).
    package var packetsPerSecondPerClient: Double
    /// Whether to echo TCP too.
    package var tcp: Bool

    package init(
        listen: [(ip: String, ports: ClosedRange<UInt16>)], allow: [IPNetwork], packetsPerSecondPerClient: Double,
        tcp: Bool = true
    ) {
        self.listen = listen
        self.allow = allow
        self.packetsPerSecondPerClient = packetsPerSecondPerClient
        self.tcp = tcp
    }

    /// Parses `ADDRESS:PORT[-PORT]` (`0.0.0.0:5004`, `[::]:10000-10010`); `ADDRESS:0` lets the kernel choose a port.
    package static func parseListen(_ text: String) -> (ip: String, ports: ClosedRange<UInt16>)? {
        guard let split = try? HostPort(splitting: text), IPAddress.isLiteral(split.host), let portText = split.portText
        else { return nil }
        if portText == "0" { return (split.host, 0...0) }
        let parts = portText.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let bounds = parts.compactMap(HostPort.port)
        guard bounds.count == parts.count, let low = bounds.first, let high = bounds.last, high >= low else {
            return nil
        }
        return (split.host, low...high)
    }
}
