import Foundation

extension ProbeURI {
    /// Parses and validates a probe URI such as `tcp://example.com:443` or `sip:alice@example.com;transport=tcp`.
    ///
    /// The scheme and host are case-insensitive; the error names what is wrong and shows the form to write.
    package init(parsing text: String) throws(ProbeURIError) {
        let raw = text.trimmingCharacters(in: .whitespacesAndNewlines)
        try Self.rejectCredentials(in: raw)
        guard !raw.isEmpty else {
            throw ProbeURIError("the probe URI is empty", fix: "write e.g. tcp://example.com:443")
        }
        if raw.contains(where: { $0.isWhitespace }) {
            throw ProbeURIError("probe URI '\(raw)' contains a space", fix: "percent-encode it as %20")
        }
        guard let colon = raw.firstIndex(of: ":"), colon != raw.startIndex else {
            throw ProbeURIError(
                "'\(raw)' is not a probe URI: it has no scheme",
                fix: "write SCHEME:..., e.g. tcp://\(raw):443; schemes: \(Self.knownSchemes)"
            )
        }
        let schemeText = raw[..<colon].lowercased()
        guard let kind = ProbeKind(rawValue: schemeText) else {
            var fix = "known schemes: \(Self.knownSchemes)"
            if let port = OtherServiceScheme.wellKnownPorts[schemeText] {
                // A real protocol netready does not speak (ftp is not a typo of rtp): check its port instead.
                throw ProbeURIError(
                    "netready does not probe '\(raw[..<colon])' in '\(raw)'",
                    fix: "to check that its port is reachable, write tcp://HOST:\(port)")
            }
            if let near = TargetsEditDistance.nearest(to: schemeText, in: ProbeKind.allCases.map(\.rawValue)) {
                fix = "did you mean '\(near)'? " + fix
            }
            throw ProbeURIError("unknown probe scheme '\(raw[..<colon])' in '\(raw)'", fix: fix)
        }
        let rest = raw[raw.index(after: colon)...]
        let parts: Parts
        if kind.usesAuthority {
            guard rest.hasPrefix("//") else {
                throw ProbeURIError("'\(raw)' lacks '//' after '\(kind.rawValue):'", fix: "write \(kind.example)")
            }
            parts = try Self.splitHierarchical(rest.dropFirst(2), kind: kind, raw: raw)
        } else {
            if rest.hasPrefix("//") {
                throw ProbeURIError(
                    "\(kind.rawValue): URIs are written without '//': '\(raw)'", fix: "write \(kind.example)"
                )
            }
            parts = try Self.splitOpaque(rest, kind: kind, raw: raw)
        }
        try self.init(raw: raw, kind: kind, parts: parts)
    }

    /// The schemes, comma-separated, for error messages.
    static var knownSchemes: String { ProbeKind.allCases.map(\.rawValue).joined(separator: ", ") }

    /// The pieces of a URI before per-scheme validation.
    struct Parts {
        var hostPort: Substring
        var user: Substring?
        var path: String = ""
        var items: [(key: String, value: String)] = []
        var rawQuery: String?
    }

    private init(raw: String, kind: ProbeKind, parts: Parts) throws(ProbeURIError) {
        let (hostText, portText) = try Self.splitHostPort(parts.hostPort, kind: kind, raw: raw)
        let host = try Self.validateHost(hostText, kind: kind, raw: raw)
        let options = try Self.validateQuery(parts.items, kind: kind, raw: raw)
        var ports: ClosedRange<UInt16>?
        if let portText {
            ports = try Self.parsePorts(portText, kind: kind, raw: raw)
        } else if kind.requiresPort {
            throw ProbeURIError("'\(raw)' has no port; \(kind.rawValue): probes need one", fix: "write \(kind.example)")
        } else {
            ports = Self.defaultPort(kind, transport: options.transport).map { $0...$0 }
        }
        try MediaStreamLimits.check(kind: kind, host: host, query: options.query, transport: options.transport, raw: raw)
        self.init(
            raw: raw, kind: kind, host: host, user: parts.user.map(String.init), ports: ports,
            hasExplicitPort: portText != nil, transport: options.transport, path: parts.path,
            query: options.query, rawQuery: parts.rawQuery
        )
    }

    /// Splits `[user@]host[:port][/path][?query][#fragment]` after `scheme://`.
    private static func splitHierarchical(
        _ text: Substring, kind: ProbeKind, raw: String
    ) throws(ProbeURIError) -> Parts {
        let isWeb = [.http, .https, .ws, .wss].contains(kind)
        var text = text
        if let hash = text.firstIndex(of: "#") {
            guard isWeb else { throw ProbeURIError("'\(raw)' has a '#' fragment", fix: "remove it") }
            text = text[..<hash]
        }
        var rawQuery: String?
        if let question = text.firstIndex(of: "?") {
            rawQuery = String(text[text.index(after: question)...])
            text = text[..<question]
        }
        var authority = text
        var path = ""
        if let slash = text.firstIndex(of: "/") {
            authority = text[..<slash]
            path = String(text[slash...])
        }
        let (user, hostPort) = try splitUserInfo(authority, kind: kind, raw: raw)
        if user != nil { throw carriesCredentials(raw, kind: kind) }
        var parts = Parts(hostPort: hostPort, user: nil)
        if isWeb {
            parts.path = path.isEmpty ? "/" : path
            parts.rawQuery = rawQuery
            parts.items = lenientItems(rawQuery ?? "")
        } else {
            if !path.isEmpty && path != "/" {
                throw ProbeURIError(
                    "'\(raw)' has a path, which \(kind.rawValue): URIs do not take",
                    fix: "write \(kind.example)")
            }
            if let rawQuery { parts.items = try strictItems(Substring(rawQuery), separators: "&", raw: raw) }
        }
        return parts
    }

    /// Splits the part after `scheme:` of `dns:`, `icmp:`, `stun(s):`, `turn(s):` and `sip(s):` URIs.
    private static func splitOpaque(_ text: Substring, kind: ProbeKind, raw: String) throws(ProbeURIError) -> Parts {
        var text = text
        var rawQuery: Substring?
        if let question = text.firstIndex(of: "?") {
            rawQuery = text[text.index(after: question)...]
            text = text[..<question]
        }
        switch kind {
        case .sip, .sips:
            if rawQuery != nil {
                throw ProbeURIError(
                    "'\(raw)' has SIP headers ('?...'), which probes do not send",
                    fix: "remove them; write \(kind.example)")
            }
            let (user, rest) = try splitUserInfo(text, kind: kind, raw: raw)
            if let user, user.isEmpty {
                throw ProbeURIError("'\(raw)' has an empty user before '@'", fix: "write \(kind.example)")
            }
            var parts = Parts(hostPort: rest, user: user)
            if let semicolon = rest.firstIndex(of: ";") {
                parts.hostPort = rest[..<semicolon]
                parts.items = try strictItems(rest[rest.index(after: semicolon)...], separators: ";", raw: raw)
            }
            return parts
        default:
            let (user, rest) = try splitUserInfo(text, kind: kind, raw: raw)
            if user != nil { throw carriesCredentials(raw, kind: kind) }
            var parts = Parts(hostPort: rest, user: nil)
            if let rawQuery {
                if kind == .icmp {
                    throw ProbeURIError("icmp: URIs take no options: '\(raw)'", fix: "write \(kind.example)")
                }
                parts.items = try strictItems(rawQuery, separators: kind == .dns ? "&;" : "&", raw: raw)
            }
            return parts
        }
    }

    /// `key=value` items of a validated query, separated by any of `separators`; keys lower-cased.
    private static func strictItems(
        _ text: Substring, separators: String, raw: String
    ) throws(ProbeURIError) -> [(key: String, value: String)] {
        var items: [(key: String, value: String)] = []
        for item in text.split(whereSeparator: { separators.contains($0) }) {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ProbeURIError("option '\(item)' in '\(raw)' is not key=value", fix: "write e.g. transport=tcp")
            }
            let key = item[..<equals].lowercased()
            let encoded = String(item[item.index(after: equals)...])
            guard let value = encoded.removingPercentEncoding else {
                throw ProbeURIError("option '\(item)' in '\(raw)' has a bad %-escape")
            }
            if value.isEmpty {
                throw ProbeURIError("option '\(key)' in '\(raw)' has no value", fix: "write \(key)=VALUE or drop it")
            }
            if items.contains(where: { $0.key == key }) {
                throw ProbeURIError("option '\(key)' appears twice in '\(raw)'", fix: "keep one")
            }
            items.append((key, value))
        }
        return items
    }

    /// `key=value` items of an HTTP query, passed through as written (a key alone has an empty value).
    private static func lenientItems(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "&").map { item in
            let pieces = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(pieces[0]).removingPercentEncoding ?? String(pieces[0])
            let value = pieces.count > 1 ? String(pieces[1]).removingPercentEncoding ?? String(pieces[1]) : ""
            return (key, value)
        }
    }
}
