import NetReadyPosix

/// Per-scheme rules: which options each scheme takes, their values, default transports and ports.
extension ProbeURI {
    /// The record types a `dns:` probe may ask for.
    package static let dnsTypes = ["A", "AAAA", "CNAME", "SRV", "TXT", "NS", "SOA"]

    /// The codecs an `rtp:` media test may emulate.
    package static let mediaCodecs = ["g711", "opus"]

    /// The options (query keys, or `;` parameters for SIP) a scheme accepts; `nil` means any (HTTP queries).
    static func optionKeys(_ kind: ProbeKind) -> [String]? {
        switch kind {
        case .http, .https, .ws, .wss: nil
        case .dns: ["type", "class", "server"]
        case .tls: ["sni", "alpn"]
        case .rtp: ["duration", "codec", "dscp", "bitrate"]
        case .stun: ["duration", "codec", "transport"]
        case .turn: ["transport", "duration", "codec", "bitrate"]
        case .stuns, .turns, .sip, .sips: ["transport"]
        case .udp: ["dscp", "binding-lifetime"]
        case .tcp, .icmp: []
        }
    }

    /// The transport used when the URI names none.
    static func defaultTransport(_ kind: ProbeKind) -> ProbeTransport? {
        switch kind {
        case .stun, .turn, .sip: .udp
        case .stuns, .turns: .tcp
        case .sips: .tls
        default: nil
        }
    }

    /// The port used when the URI names none, given the transport (SIP over TLS 5061, over WebSocket 80/443).
    static func defaultPort(_ kind: ProbeKind, transport: ProbeTransport?) -> UInt16? {
        switch (kind, transport) {
        case (.sip, .tls?): 5061
        case (.sip, .ws?): 80
        case (.sip, .wss?), (.sips, .wss?): 443
        default: kind.defaultPort
        }
    }

    /// Checks the options of a URI against its scheme and normalises their values.
    static func validateQuery(
        _ items: [(key: String, value: String)], kind: ProbeKind, raw: String
    ) throws(ProbeURIError) -> (query: [String: String], transport: ProbeTransport?) {
        var query: [String: String] = [:]
        guard let allowed = optionKeys(kind) else {
            for item in items { query[item.key] = item.value }
            return (query, nil)
        }
        for (key, value) in items {
            guard allowed.contains(key) else {
                let what = kind == .sip || kind == .sips ? "parameter" : "option"
                var fix =
                    allowed.isEmpty
                    ? "\(kind.rawValue): URIs take no options; write \(kind.example)"
                    : "\(kind.rawValue): URIs take \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                if let near = TargetsEditDistance.nearest(to: key, in: allowed) {
                    fix = "did you mean '\(near)'? " + fix
                }
                throw ProbeURIError("unknown \(what) '\(key)' in '\(raw)'", fix: fix)
            }
            query[key] = try normalise(key: key, value: value, kind: kind, raw: raw)
        }
        var transport = defaultTransport(kind)
        if let written = query["transport"] {
            transport = try parseTransport(written, kind: kind, raw: raw)
            query["transport"] = transport?.rawValue
        }
        return (query, transport)
    }

    /// Validates one option value and returns its normal form.
    private static func normalise(
        key: String, value: String, kind: ProbeKind, raw: String
    ) throws(ProbeURIError) -> String {
        switch key {
        case "type":
            let type = value.uppercased()
            guard dnsTypes.contains(type) else {
                throw ProbeURIError(
                    "unknown DNS record type '\(value)' in '\(raw)'",
                    fix: "use one of \(dnsTypes.joined(separator: ", "))")
            }
            return type
        case "class":
            guard value.uppercased() == "IN" else {
                throw ProbeURIError("DNS class '\(value)' in '\(raw)' is not supported", fix: "use class=IN or drop it")
            }
            return "IN"
        case "server":
            if let problem = dnsServerProblem(value) {
                throw ProbeURIError(
                    "bad server in '\(raw)': \(problem)",
                    fix: "write server=IP, server=IP:PORT, server=[IPv6]:PORT or server=NAME[:PORT]")
            }
            return value.lowercased()
        case "sni":
            if let problem = TargetsAddressSyntax.hostNameProblem(value) {
                throw ProbeURIError("bad sni in '\(raw)': \(problem)", fix: "SNI is a DNS name, e.g. sni=example.com")
            }
            return value.lowercased()
        case "alpn":
            let protocols = value.split(separator: ",", omittingEmptySubsequences: false)
            guard protocols.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 255 }) else {
                throw ProbeURIError("bad alpn list '\(value)' in '\(raw)'", fix: "write e.g. alpn=h2,http/1.1")
            }
            return value
        case "duration":
            let duration: Duration
            do {
                duration = try DurationParser.parse(value)
            } catch {
                throw ProbeURIError("bad duration in '\(raw)': \(error.message)", fix: error.fix)
            }
            guard duration > .zero, duration <= .seconds(3600) else {
                throw ProbeURIError(
                    "duration \(value) in '\(raw)' must be above 0 and at most 1h",
                    fix: "write e.g. duration=10s")
            }
            return formatDuration(duration)
        case "bitrate":
            guard let rate = ThresholdsBlock.bandwidth(value), rate >= 8_000, rate <= 10_000_000 else {
                throw ProbeURIError(
                    "bad bitrate '\(value)' in '\(raw)'", fix: "write e.g. bitrate=100kbps (8kbps to 10Mbps)")
            }
            return value
        case "codec":
            let codec = value.lowercased()
            guard mediaCodecs.contains(codec) else {
                throw ProbeURIError(
                    "unknown codec '\(value)' in '\(raw)'",
                    fix: "use one of \(mediaCodecs.joined(separator: ", "))")
            }
            return codec
        case "binding-lifetime":
            let lifetime: Duration
            do {
                lifetime = try DurationParser.parse(value)
            } catch {
                throw ProbeURIError("bad binding-lifetime in '\(raw)': \(error.message)", fix: error.fix)
            }
            guard lifetime >= .seconds(15), lifetime <= .seconds(600) else {
                throw ProbeURIError(
                    "binding-lifetime \(value) in '\(raw)' must be from 15s to 600s",
                    fix: "write e.g. binding-lifetime=300s")
            }
            return formatDuration(lifetime)
        case "dscp":
            guard let dscp = DSCP(parsing: value) else {
                throw ProbeURIError(
                    "dscp '\(value)' in '\(raw)' is neither a code point 0-63 nor a DiffServ class name",
                    fix: "write e.g. dscp=EF or dscp=46 (classes: \(DSCP.nameList))")
            }
            return "\(dscp.value)"
        default:
            return value
        }
    }

    /// Why `text` is not a DNS server for `dns:...?server=` (an endpoint or a host name with an optional port).
    static func dnsServerProblem(_ text: String) -> String? {
        if TargetsAddressSyntax.endpointProblem(text) == nil { return nil }
        if text.hasPrefix("[") || TargetsAddressSyntax.isIPAddress(text) {
            return TargetsAddressSyntax.endpointProblem(text)
        }
        do {
            let split = try HostPort(splitting: text)
            if split.portText != nil { _ = try split.port(default: nil) }
            return TargetsAddressSyntax.hostNameProblem(split.host)
        } catch {
            return error.description
        }
    }

    /// Maps a written `transport=` value to the transport used, per scheme.
    private static func parseTransport(
        _ text: String, kind: ProbeKind, raw: String
    ) throws(ProbeURIError) -> ProbeTransport {
        let allowed: [String: ProbeTransport]
        switch kind {
        case .stun, .turn: allowed = ["udp": .udp, "tcp": .tcp]
        case .stuns, .turns: allowed = ["tcp": .tcp]
        case .sip: allowed = ["udp": .udp, "tcp": .tcp, "tls": .tls, "ws": .ws, "wss": .wss]
        case .sips: allowed = ["tcp": .tls, "tls": .tls, "ws": .wss, "wss": .wss]
        default: allowed = [:]
        }
        if let transport = allowed[text.lowercased()] { return transport }
        var message = "transport '\(text)' is not supported by \(kind.rawValue): in '\(raw)'"
        if (kind == .stuns || kind == .turns) && text.lowercased() == "udp" {
            message = "\(kind.rawValue): over udp (DTLS) is not supported: '\(raw)'"
        } else if kind == .sips && text.lowercased() == "udp" {
            message = "sips: requires TLS, which cannot run over udp: '\(raw)'"
        }
        throw ProbeURIError(message, fix: "use transport=\(allowed.keys.sorted().joined(separator: "|"))")
    }
}
