/// A From, To or Contact value (RFC 3261 20.10): `"Name" <sip:uri>;tag=x` or a bare `sip:uri;tag=x`.
public struct SIPNameAddress: Sendable, Equatable {
    /// The display name without quotes, when one was given.
    public var displayName: String?
    /// The URI.
    public var uri: SIPURI
    /// Header parameters after the URI (`tag`, `expires`...).
    public var parameters: [SIPParameter]

    /// The `tag` parameter (From and To).
    public var tag: String? { parameters.value("tag") }

    /// Parses a name-addr or addr-spec.
    ///
    /// - Throws: `WireError.malformed` for an unclosed `<`, or a URI that does not parse.
    public init(parsing text: some StringProtocol) throws(WireError) {
        let text = SIPText.trimmed(text)
        if let open = Self.openingBracket(in: text) {
            guard let close = text[open...].firstIndex(of: ">") else { throw .malformed("unclosed '<' in '\(text)'") }
            let name = SIPText.trimmed(text[..<open])
            displayName =
                name.isEmpty
                ? nil
                : name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2
                    ? String(name.dropFirst().dropLast()) : name
            uri = try SIPURI(parsing: text[text.index(after: open)..<close])
            let after = SIPText.trimmed(text[text.index(after: close)...])
            guard after.isEmpty || after.hasPrefix(";") else { throw .malformed("junk after '>' in '\(text)'") }
            parameters = SIPParameter.list(after.dropFirst())
        } else {
            // addr-spec: parameters after the URI belong to the header, not the URI (RFC 3261 20.10).
            displayName = nil
            let pieces = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            uri = try SIPURI(parsing: pieces[0])
            parameters = pieces.count > 1 ? SIPParameter.list(pieces[1]) : []
        }
    }

    /// The first `<` outside a quoted display name.
    private static func openingBracket(in text: String) -> String.Index? {
        var quotes = SIPQuoteTracker()
        for index in text.indices where quotes.isOutsideQuotes(text[index]) && text[index] == "<" {
            return index
        }
        return nil
    }
}
