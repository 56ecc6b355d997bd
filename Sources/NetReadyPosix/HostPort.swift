/// A host with an optional port, split from `HOST`, `HOST:PORT`, `[IPv6]`, `[IPv6]:PORT` or a bare IPv6
/// address, without resolving anything. The one endpoint splitter; callers decide whether a name is allowed
/// and what the default port is.
public struct HostPort: Hashable, Sendable {
    /// The host without brackets: a name, an IPv4 or an IPv6 literal (with its zone).
    public let host: String
    /// The text after the separating `:`, not yet a number (it may be a range such as `10000-10010`).
    public let portText: String?
    /// Whether the host was written in brackets.
    public let bracketed: Bool

    /// Splits `text`; a bare IPv6 literal is a host with no port (its colons are the address's own).
    ///
    /// - Throws: ``EndpointError`` for an unclosed bracket, text after `]` that is not `:PORT`, or an
    ///   unbracketed host with several colons that is not an IPv6 literal.
    public init(splitting text: String) throws(EndpointError) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw EndpointError(text, .unclosedBracket) }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { throw EndpointError(text, .textAfterBracket) }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = rest.isEmpty ? nil : String(rest.dropFirst())
            bracketed = true
            return
        }
        bracketed = false
        if IPAddress.isLiteral(text) || !text.contains(":") {
            host = text
            portText = nil
            return
        }
        let colon = text.lastIndex(of: ":")!
        host = String(text[..<colon])
        guard !host.contains(":") else { throw EndpointError(text, .notAnAddress(host)) }
        portText = String(text[text.index(after: colon)...])
    }

    /// The port, or `defaultPort` when none was written; 1-65535, and 0 too when `allowingZero` (a listener's
    /// "let the kernel choose").
    ///
    /// - Throws: ``EndpointError`` when the port is not a number in range, or missing with no default.
    public func port(default defaultPort: UInt16?, allowingZero: Bool = false) throws(EndpointError) -> UInt16 {
        guard let portText else {
            guard let defaultPort else { throw EndpointError(rendered, .missingPort) }
            return defaultPort
        }
        if allowingZero && portText == "0" { return 0 }
        guard let port = Self.port(portText) else { throw EndpointError(rendered, .badPort) }
        return port
    }

    /// `text` as a port number 1...65535 (digits only), or nil.
    public static func port(_ text: some StringProtocol) -> UInt16? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(text), (1...65535).contains(value)
        else { return nil }
        return UInt16(value)
    }

    /// The endpoint as written (brackets kept), for messages.
    var rendered: String {
        let shownHost = bracketed ? "[\(host)]" : host
        return portText.map { "\(shownHost):\($0)" } ?? shownHost
    }
}
