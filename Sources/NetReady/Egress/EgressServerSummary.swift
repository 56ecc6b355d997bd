/// How one egress server answered over one address family: `egress.servers[]` in the report.
package struct EgressServerSummary: Codable, Sendable, Equatable {
    /// The server's URI as written.
    package var uri: String
    /// The method (`http`, `dns`, `stun`), with ` (resolver address)` when it reports a resolver's address.
    package var via: String
    /// `tcp` or `udp`.
    package var transport: String
    /// `ipv4` or `ipv6`; nil when the server could not be used at all.
    package var family: String?
    /// Fresh connections (or queries) made.
    package var connections: Int
    /// Of those, how many learned an address.
    package var learned: Int
    /// The most common reason a connection learned nothing; nil when every one did.
    package var error: String?

    enum CodingKeys: String, CodingKey {
        case uri, via
        case transport = "protocol"
        case family, connections, learned, error
    }
}
