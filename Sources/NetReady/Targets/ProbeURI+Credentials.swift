/// Credentials in a probe URI (`user:password@`, or any user before `@` except a SIP address's): rejected
/// with the one error that says so without echoing them, since errors reach logs, terminals and tickets.
extension ProbeURI {
    /// Throws when `raw` carries credentials; checked before any other rule, whose errors quote the URI.
    static func rejectCredentials(in raw: String) throws(ProbeURIError) {
        guard let range = userInfo(in: raw) else { return }
        let kind = scheme(of: raw)
        if kind == .sip || kind == .sips, !raw[range].contains(":") { return }  // sip:alice@host names a user
        throw carriesCredentials(raw, kind: kind)
    }

    /// The error for a URI with credentials: the URI with its userinfo shown as `***`.
    static func carriesCredentials(_ raw: String, kind: ProbeKind?) -> ProbeURIError {
        let shown = userInfo(in: raw) != nil ? "'\(withoutCredentials(raw))'" : "the probe URI"
        let fix =
            kind == .turn || kind == .turns
            ? "remove them and set username: and credential: (e.g. ${TURN_CREDENTIAL}) on the probe"
            : "remove them; \(kind.map { "\($0.rawValue): probes" } ?? "probes") send no user or password"
        return ProbeURIError(
            "\(shown) carries credentials (a user or password before '@'), which never belong in a probe URI",
            fix: fix)
    }

    /// `text` with the userinfo a probe URI would have shown as `***`, for messages that quote what was typed.
    package static func withoutCredentials(_ text: String) -> String {
        guard let range = userInfo(in: text) else { return text }
        return text.replacingCharacters(in: range, with: "***")
    }

    /// The userinfo of `raw` located as the parser does: before the last `@` of the authority (up to `/`, `?`,
    /// `#` after `scheme://`, known scheme or not) or of the opaque part (up to `?` after a known `scheme:`).
    /// Otherwise the whole text is taken as an authority, so that errors about the scheme cannot quote it.
    static func userInfo(in raw: String) -> Range<String.Index>? {
        var start = raw.startIndex
        var ends: Set<Character> = ["/", "?", "#"]
        if let colon = raw.firstIndex(of: ":") {
            let rest = raw.index(after: colon)
            if raw[rest...].hasPrefix("//") {
                start = raw.index(rest, offsetBy: 2)
            } else if let kind = scheme(of: raw), !kind.usesAuthority {
                start = rest
                ends = ["?"]
            }
        }
        let end = raw[start...].firstIndex { ends.contains($0) } ?? raw.endIndex
        guard let at = raw[start..<end].lastIndex(of: "@") else { return nil }
        return start..<at
    }

    private static func scheme(of raw: String) -> ProbeKind? {
        raw.firstIndex(of: ":").flatMap { ProbeKind(rawValue: raw[..<$0].lowercased()) }
    }
}
