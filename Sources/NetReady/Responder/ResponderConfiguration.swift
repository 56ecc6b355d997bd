import NetReadyPosix

/// What `netready responder` listens on and whom it answers.
public struct ResponderConfiguration: Sendable {
    /// Addresses and port ranges to echo on, UDP and TCP alike.
    public var listen: [(ip: String, ports: ClosedRange<UInt16>)]
    /// Client networks that get answers; everyone else is ignored, so the responder is no reflector.
    public var allow: [IPNetwork]
    /// Datagrams answered per second per client address (a token bucket with a one-second burst).
    public var packetsPerSecondPerClient: Double
    /// Whether to echo TCP too.
    public var tcp: Bool

    public init(
        listen: [(ip: String, ports: ClosedRange<UInt16>)], allow: [IPNetwork], packetsPerSecondPerClient: Double,
        tcp: Bool = true
    ) {
        self.listen = listen
        self.allow = allow
        self.packetsPerSecondPerClient = packetsPerSecondPerClient
        self.tcp = tcp
    }

    /// Parses `ADDRESS:PORT[-PORT]` (`0.0.0.0:5004`, `[::]:10000-10010`).
    public static func parseListen(_ text: String) -> (ip: String, ports: ClosedRange<UInt16>)? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            guard text[close...].hasPrefix("]:") else { return nil }
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard SocketAddress.isIPLiteral(String(host)) else { return nil }
        let bounds = portText.split(separator: "-", maxSplits: 1).compactMap { UInt16($0) }
        guard bounds.count == portText.split(separator: "-", maxSplits: 1).count, let low = bounds.first,
            low > 0, (bounds.last ?? low) >= low
        else { return nil }
        return (String(host), low...(bounds.last ?? low))
    }
}
