/// A parsed probe URI such as `tcp://example.com:443`, `stun:stun.example.com` or `sips:sip.example.com:5061`.
///
/// Create one with ``init(parsing:)``; every field is validated for its scheme. Two URIs are equal when their
/// canonical ``description`` is equal, whatever their spelling.
package struct ProbeURI: Sendable, Hashable, CustomStringConvertible {
    /// The URI as written (surrounding whitespace removed).
    package let raw: String
    /// The scheme.
    package let kind: ProbeKind
    /// The host name or IP address (IPv6 without brackets, lower-cased); for `dns:` the name to resolve.
    package let host: String
    /// The SIP user part (`sip:alice@example.com`); `nil` for other schemes.
    package let user: String?
    /// The explicit port or range, else the default of the scheme and transport; `nil` for `dns:` and `icmp:`.
    package let ports: ClosedRange<UInt16>?
    /// Whether the port was written in the URI (rather than taken from the scheme default).
    package let hasExplicitPort: Bool
    /// The transport of `stun`/`turn` (`?transport=`) and `sip`/`sips` (`;transport=`) URIs; `nil` for other schemes.
    ///
    /// Defaults: `udp` for `stun:`, `turn:` and `sip:`; `tcp` (under TLS) for `stuns:` and `turns:`; `tls` for `sips:`.
    package let transport: ProbeTransport?
    /// The request path of `http`, `https`, `ws` and `wss` URIs (default `/`); empty for other schemes.
    package let path: String
    /// Query (or, for `sip:`, `;` parameter) keys and percent-decoded values.
    ///
    /// For `dns:` the `type` value is upper-cased; for `tls:`/`rtp:`/`dns:`/`stun:`/`turn:`/`sip:` only the
    /// documented keys are accepted, while `http`/`ws` URIs pass any query through to the request.
    package let query: [String: String]
    /// The query string as written, without `?` (used to rebuild the HTTP request target).
    package let rawQuery: String?

    /// The port, or the lower bound of a port range.
    package var port: UInt16? { ports?.lowerBound }

    /// Whether the URI names a range of ports (`udp://host:10000-20000`).
    package var isPortRange: Bool { ports.map { $0.lowerBound != $0.upperBound } ?? false }

    /// Whether the probe runs over TLS (`tls`, `https`, `wss`, `stuns`, `turns`, `sips`, or SIP over `tls`/`wss`).
    package var usesTLS: Bool { kind.impliesTLS || transport == .tls || transport == .wss }

    /// Whether ``host`` is an IP address literal rather than a name to resolve.
    package var hostIsIPAddress: Bool { TargetsAddressSyntax.isIPAddress(host) }

    /// ``host`` as it appears in a URI or `Host:` header: IPv6 literals in brackets.
    package var bracketedHost: String { host.contains(":") ? "[\(host)]" : host }

    /// The record type of a `dns:` URI (`?type=`), upper-cased; `nil` when unspecified.
    package var dnsType: String? { kind == .dns ? query["type"] : nil }

    /// The server a `dns:` URI asks directly (`?server=IP[:PORT]` or `NAME[:PORT]`); `nil` means the run's resolvers.
    package var dnsServer: String? { kind == .dns ? query["server"] : nil }

    /// The TLS server name from `tls://...?sni=`; `nil` when unspecified.
    package var sni: String? { query["sni"] }

    /// The ALPN protocols from `tls://...?alpn=h2,http/1.1`; empty when unspecified.
    package var alpn: [String] {
        query["alpn"].map { $0.split(separator: ",").map(String.init) } ?? []
    }

    /// How long an `rtp:`, `stun:` or `turn:` media stream runs (`?duration=`); `nil` when unspecified.
    package var mediaDuration: Duration? { query["duration"].flatMap { try? DurationParser.parse($0) } }

    /// The DiffServ code point an `rtp:`/`udp:` probe marks its datagrams with (`dscp=`); nil when unmarked.
    package var dscp: DSCP? { query["dscp"].flatMap { DSCP(parsing: $0) } }

    /// The longest idle time a `udp:` probe's NAT binding measurement tries (`binding-lifetime=`); nil when none.
    package var bindingLifetime: Duration? {
        kind == .udp ? query["binding-lifetime"].flatMap { try? DurationParser.parse($0) } : nil
    }

    /// The codec an `rtp:`, `stun:` or `turn:` media stream emulates (`g711` or `opus`); `nil` when unspecified.
    package var mediaCodec: String? { [.rtp, .stun, .turn].contains(kind) ? query["codec"] : nil }

    /// The HTTP request target of `http`/`ws` URIs: ``path`` plus the query as written.
    package var requestTarget: String {
        guard let rawQuery else { return path }
        return "\(path)?\(rawQuery)"
    }

    /// The canonical form: lower-case scheme and host, default ports and transports left out, query keys sorted.
    package var description: String {
        var text = kind.rawValue + ":"
        if kind.usesAuthority { text += "//" }
        if let user { text += "\(user)@" }
        text += kind == .dns || kind == .icmp ? host : bracketedHost
        if let ports, hasExplicitPort, ports.lowerBound != ports.upperBound || ports.lowerBound != defaultPort {
            text += ":\(ports.lowerBound)"
            if ports.lowerBound != ports.upperBound { text += "-\(ports.upperBound)" }
        }
        switch kind {
        case .http, .https, .ws, .wss:
            text += requestTarget
        case .sip, .sips:
            if let transport, transport != Self.defaultTransport(kind) {
                text += ";transport=\(transport.rawValue)"
            }
        case .stun, .stuns, .turn, .turns:
            var options = query.filter { $0.key != "transport" }
            if let transport, transport != Self.defaultTransport(kind) { options["transport"] = transport.rawValue }
            if !options.isEmpty {
                text += "?" + options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            }
        case .dns, .tls, .rtp:
            if !query.isEmpty {
                text += "?" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            }
        case .tcp, .udp, .icmp:
            break
        }
        return text
    }

    /// The default port for this URI's scheme and transport.
    var defaultPort: UInt16? { Self.defaultPort(kind, transport: transport) }

    /// Equal when the canonical forms are equal.
    package static func == (lhs: ProbeURI, rhs: ProbeURI) -> Bool { lhs.description == rhs.description }

    /// Hashes the canonical form.
    package func hash(into hasher: inout Hasher) { hasher.combine(description) }

    init(
        raw: String, kind: ProbeKind, host: String, user: String?, ports: ClosedRange<UInt16>?,
        hasExplicitPort: Bool, transport: ProbeTransport?, path: String, query: [String: String], rawQuery: String?
    ) {
        self.raw = raw
        self.kind = kind
        self.host = host
        self.user = user
        self.ports = ports
        self.hasExplicitPort = hasExplicitPort
        self.transport = transport
        self.path = path
        self.query = query
        self.rawQuery = rawQuery
    }
}

extension ProbeURI: Codable {
    /// Decodes a URI from its string form, validating it.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try ProbeURI(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the URI as written.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(raw)
    }
}
