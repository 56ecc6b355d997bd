/// The kind of check a probe performs, named after its URI scheme (`tcp://`, `stun:`, `sips:`...).
package enum ProbeKind: String, Sendable, Codable, CaseIterable {
    case dns, tcp, udp, tls, http, https, ws, wss, stun, stuns, turn, turns, sip, sips, icmp, rtp

    /// Whether the URI is written with an authority (`tcp://host:port`) rather than opaque (`stun:host:port`).
    package var usesAuthority: Bool {
        switch self {
        case .tcp, .udp, .tls, .http, .https, .ws, .wss, .rtp: true
        case .dns, .stun, .stuns, .turn, .turns, .sip, .sips, .icmp: false
        }
    }

    /// The port used when the URI names none; `nil` when the scheme requires one or has no port at all.
    package var defaultPort: UInt16? {
        switch self {
        case .http, .ws: 80
        case .https, .wss: 443
        case .stun, .turn: 3478
        case .stuns, .turns: 5349
        case .sip: 5060
        case .sips: 5061
        case .dns, .icmp, .tcp, .udp, .tls, .rtp: nil
        }
    }

    /// Whether a URI of this kind must name a port explicitly.
    package var requiresPort: Bool {
        switch self {
        case .tcp, .udp, .tls, .rtp: true
        default: false
        }
    }

    /// Whether a URI of this kind may carry a port at all (`dns:` and `icmp:` may not).
    package var hasPort: Bool { self != .dns && self != .icmp }

    /// Whether a port range (`10000-20000`) is allowed.
    package var allowsPortRange: Bool { self == .tcp || self == .udp }

    /// Whether the probe always runs over TLS, whatever its transport.
    package var impliesTLS: Bool {
        switch self {
        case .tls, .https, .wss, .stuns, .turns, .sips: true
        default: false
        }
    }

    /// A short example of the URI form, used in error messages.
    package var example: String {
        switch self {
        case .dns: "dns:example.com?type=AAAA"
        case .tcp: "tcp://example.com:443 or tcp://example.com:10000-20000"
        case .udp: "udp://example.com:3478 or udp://example.com:10000-20000"
        case .tls: "tls://example.com:443?sni=example.com&alpn=h2"
        case .http: "http://example.com:8080/health"
        case .https: "https://example.com/"
        case .ws: "ws://example.com/signal"
        case .wss: "wss://example.com/signal"
        case .stun: "stun:stun.example.com:3478?transport=udp"
        case .stuns: "stuns:stun.example.com:5349"
        case .turn: "turn:turn.example.com:3478?transport=tcp"
        case .turns: "turns:turn.example.com:443?transport=tcp"
        case .sip: "sip:sip.example.com:5060;transport=tcp"
        case .sips: "sips:sip.example.com:5061"
        case .icmp: "icmp:example.com"
        case .rtp: "rtp://media.example.com:5004?duration=10s&codec=g711"
        }
    }
}

/// The transport a STUN, TURN or SIP probe runs over (`?transport=` / `;transport=` in its URI).
package enum ProbeTransport: String, Sendable, Codable, CaseIterable {
    case udp, tcp, tls, ws, wss
}
