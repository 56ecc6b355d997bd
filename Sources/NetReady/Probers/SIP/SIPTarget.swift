import NetReadyWire

/// How a `sip:`/`sips:` probe URI maps onto the wire: Request-URI, Via transport token, WebSocket use.
struct SIPTarget: Sendable {
    let uri: ProbeURI

    /// The transport the probe runs over (`sip:` defaults to UDP, `sips:` to TLS).
    var transport: ProbeTransport { uri.transport ?? (uri.kind == .sips ? .tls : .udp) }

    /// The Via transport token (RFC 3261 20.42, RFC 7118 5.2): `UDP`, `TCP`, `TLS`, `WS`, `WSS`.
    var viaTransport: String { transport.rawValue.uppercased() }

    /// Whether SIP runs inside WebSocket frames.
    var usesWebSocket: Bool { transport == .ws || transport == .wss }

    /// The Request-URI and To URI: the probe URI's scheme, user, host, explicit port and non-default transport.
    var requestURI: String {
        var text = uri.kind.rawValue + ":"
        if let user = uri.user { text += "\(user)@" }
        text += uri.bracketedHost
        if uri.hasExplicitPort, let port = uri.port { text += ":\(port)" }
        if let written = uri.query["transport"], transport != ProbeURI.defaultTransport(uri.kind) {
            text += ";transport=\(written == "wss" && uri.kind == .sips ? "ws" : written)"
        }
        return text
    }

    /// The `Host:` header of the WebSocket upgrade.
    var webSocketHost: String {
        uri.hasExplicitPort && uri.port != ProbeURI.defaultPort(.sip, transport: transport)
            ? "\(uri.bracketedHost):\(uri.port ?? 0)" : uri.bracketedHost
    }

    /// The Via sent-by for SIP over WebSocket: a random `.invalid` name, as RFC 7118 section 5.2 does, since the
    /// server can only answer over the WebSocket connection itself.
    static func webSocketSentBy() -> SIPHostPort {
        SIPHostPort(host: SIPOptionsRequest.randomToken(length: 12) + ".invalid")
    }
}
