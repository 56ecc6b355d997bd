/// The limits a `stun:` or `turn:` quality stream is held to when its file is loaded, so a fleet of agents cannot
/// turn into a load test of somebody else's STUN or TURN server.
///
/// A stream is one packet every 20 ms (50 per second, the most netready ever sends one server); to a public server
/// (a host name, or an IP literal outside private, shared, loopback and link-local space) it may last at most
/// ``maxPublicDuration``.
package enum MediaStreamLimits {
    /// The longest stream to a public STUN or TURN server.
    package static let maxPublicDuration: Duration = .seconds(60)

    /// The longest `turn:` stream to any server: the relay's permission for the peer lasts 5 minutes (RFC 8656
    /// section 9) and netready does not refresh it mid-stream.
    package static let maxTURNDuration: Duration = .seconds(240)

    /// Whether `host` is a server the stream limits treat as public: any host name, or an IP literal outside
    /// private, shared, loopback and link-local space.
    package static func isPublic(host: String) -> Bool {
        guard TargetsAddressSyntax.isIPAddress(host) else { return true }
        return !PrivateAddressSpace.contains(host)
    }

    /// Rejects a stream option without `duration`, a `stun:` stream that is not over UDP, and a stream that runs too
    /// long to a public server.
    static func check(
        kind: ProbeKind, host: String, query: [String: String], transport: ProbeTransport?, raw: String
    ) throws(ProbeURIError) {
        guard kind == .stun || kind == .turn else { return }
        guard let text = query["duration"], let duration = try? DurationParser.parse(text) else {
            if let option = ["codec", "bitrate"].first(where: { query[$0] != nil }) {
                throw ProbeURIError(
                    "\(option) without duration in '\(raw)'", fix: "add e.g. duration=5s, or drop \(option)")
            }
            return
        }
        if kind == .stun, transport == .tcp {
            throw ProbeURIError(
                "a stun: quality stream runs over udp only: '\(raw)'", fix: "drop transport=tcp or drop duration")
        }
        if kind == .turn, duration > maxTURNDuration {
            throw ProbeURIError(
                "a turn: quality stream lasts at most 4m (the relay's permission lasts 5 min): '\(raw)'",
                fix: "write duration=4m or less")
        }
        let server = kind == .stun ? "STUN" : "TURN"
        if duration > maxPublicDuration && isPublic(host: host) {
            throw ProbeURIError(
                "duration \(text) to the public \(server) server \(host) is above 60s: '\(raw)'",
                fix: "write duration=60s or less; longer streams only to servers of your own (private addresses)")
        }
    }
}
