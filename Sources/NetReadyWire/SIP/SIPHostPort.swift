/// `host[:port]` of a Via sent-by or a SIP URI, with IPv6 literals in brackets (RFC 3261 25.1 `hostport`).
public struct SIPHostPort: Sendable, Equatable, CustomStringConvertible {
    /// The host name or address, IPv6 without brackets.
    public var host: String
    /// The port, when written.
    public var port: UInt16?

    /// A host and optional port.
    public init(host: String, port: UInt16? = nil) {
        self.host = host
        self.port = port
    }

    /// Parses `example.com`, `10.0.0.1:5060`, `[2001:db8::1]:5061`.
    ///
    /// - Throws: `WireError.malformed` for an empty host, an unclosed bracket or a bad port.
    public init(parsing text: some StringProtocol) throws(WireError) {
        let text = SIPText.trimmed(text)
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .malformed("unclosed '[' in '\(text)'") }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw .malformed("junk after ']' in '\(text)'") }
                portText = rest.dropFirst()
            }
            guard host.contains(":") else { throw .malformed("'\(text)' has brackets but no IPv6 address") }
        } else {
            let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw .malformed("an IPv6 address must be in brackets: '\(text)'") }
            host = String(pieces[0])
            portText = pieces.count == 2 ? pieces[1] : nil
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "\t" || $0 == "@" || $0 == "/" }) else {
            throw .malformed("bad host in '\(text)'")
        }
        if let portText {
            guard let port = UInt16(portText), port > 0 else { throw .malformed("bad port in '\(text)'") }
            self.port = port
        } else {
            port = nil
        }
    }

    /// `host[:port]`, IPv6 in brackets.
    public var description: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shown):\($0)" } ?? shown
    }

    /// Equal ignoring the case of the host.
    public func sameAs(_ other: SIPHostPort) -> Bool {
        host.lowercased() == other.host.lowercased() && port == other.port
    }
}
