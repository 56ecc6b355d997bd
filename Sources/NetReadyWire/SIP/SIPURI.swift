/// A SIP or SIPS URI (RFC 3261 19.1): `sip:user@host:port;params?headers`, enough to compare two of them.
///
/// Other schemes (`tel:`, `urn:`) are kept with their text only: `host` is empty.
public struct SIPURI: Sendable, Equatable, CustomStringConvertible {
    /// `sip`, `sips`, or another scheme in lower case.
    public var scheme: String
    /// The user part, when present (`alice` in `sip:alice@example.com`).
    public var user: String?
    /// Host and port; empty host for non-SIP schemes.
    public var hostPort: SIPHostPort
    /// URI parameters (`;transport=tcp`, `;lr`).
    public var parameters: [SIPParameter]
    /// The URI as written.
    public let text: String

    /// Parses `text` as a URI.
    ///
    /// - Throws: `WireError.malformed` when there is no scheme, or a SIP URI has a bad host or port.
    public init(parsing text: some StringProtocol) throws(WireError) {
        let text = SIPText.trimmed(text)
        self.text = text
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
            throw .malformed("no scheme in URI '\(text)'")
        }
        scheme = text[..<colon].lowercased()
        var rest = text[text.index(after: colon)...]
        guard scheme == "sip" || scheme == "sips" else {
            user = nil
            hostPort = SIPHostPort(host: "")
            parameters = []
            return
        }
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            user = String(userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0])
            rest = rest[rest.index(after: at)...]
        } else {
            user = nil
        }
        let pieces = rest.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        hostPort = try SIPHostPort(parsing: pieces[0])
        parameters = pieces.count > 1 ? SIPParameter.list(pieces[1]) : []
    }

    /// The URI as written.
    public var description: String { text }

    /// RFC 3261 19.1.4 in spirit: same scheme, user, host and port, and the same transport, user, method, ttl
    /// and maddr parameters where either side has them.
    public func isEquivalent(to other: SIPURI) -> Bool {
        guard scheme == other.scheme else { return false }
        guard scheme == "sip" || scheme == "sips" else { return text == other.text }
        guard user == other.user, hostPort.sameAs(other.hostPort) else { return false }
        for name in ["transport", "user", "method", "ttl", "maddr"] {
            if parameters.value(name)?.lowercased() != other.parameters.value(name)?.lowercased() { return false }
        }
        return true
    }
}
