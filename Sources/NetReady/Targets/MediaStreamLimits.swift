/// The limits a `stun:` quality stream is held to when its file is loaded, so a fleet of agents cannot turn
/// into a load test of somebody else's STUN server.
///
/// A stream is one Binding request every 20 ms (50 requests/s, the most netready ever sends one server); to a
/// public server (a host name, or an IP literal outside private, shared, loopback and link-local space) it may
/// last at most ``maxPublicDuration``.
package enum MediaStreamLimits {
    /// The longest stream to a public STUN server.
    package static let maxPublicDuration: Duration = .seconds(60)

    /// Whether `host` is a server the stream limits treat as public: any host name, or an IP literal outside
    /// private, shared, loopback and link-local space.
    package static func isPublic(host: String) -> Bool {
        guard TargetsAddressSyntax.isIPAddress(host) else { return true }
        return !PrivateAddressSpace.contains(host)
    }

    /// Rejects a `stun:` stream that is not over UDP or runs too long to a public server.
    static func check(
        kind: ProbeKind, host: String, query: [String: String], transport: ProbeTransport?, raw: String
    ) throws(ProbeURIError) {
        guard kind == .stun, let text = query["duration"], let duration = try? DurationParser.parse(text) else {
            if kind == .stun, query["codec"] != nil {
                throw ProbeURIError("codec without duration in '\(raw)'", fix: "add e.g. duration=5s, or drop codec")
            }
            return
        }
        if transport == .tcp {
            throw ProbeURIError(
                "a stun: quality stream runs over udp only: '\(raw)'", fix: "drop transport=tcp or drop duration")
        }
        if duration > maxPublicDuration && isPublic(host: host) {
            throw ProbeURIError(
                "duration \(text) to the public STUN server \(host) is above 60s: '\(raw)'",
                fix: "write duration=60s or less; longer streams only to servers of your own (private addresses)")
        }
    }
}
