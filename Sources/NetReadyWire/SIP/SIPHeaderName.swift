/// SIP header names: compact forms (RFC 3261 section 7.3.3 and later RFCs) and case-insensitive comparison.
public enum SIPHeaderName {
    /// Compact form -> full name, lower-cased (RFC 3261 20, RFC 3265, 3515, 3892, 3841, 4028, 4474).
    public static let compactForms: [String: String] = [
        "v": "via", "f": "from", "t": "to", "i": "call-id", "m": "contact", "l": "content-length",
        "c": "content-type", "k": "supported", "s": "subject", "e": "content-encoding", "o": "event",
        "r": "refer-to", "b": "referred-by", "u": "allow-events", "x": "session-expires", "a": "accept-contact",
        "j": "reject-contact", "d": "request-disposition", "y": "identity", "n": "identity-info",
    ]

    /// Headers whose value is a comma-separated list (RFC 3261 7.3.1): several values may share one line.
    public static let listHeaders: Set<String> = [
        "via", "contact", "route", "record-route", "allow", "supported", "require", "proxy-require", "unsupported",
        "accept", "accept-encoding", "accept-language", "allow-events", "path", "content-encoding",
    ]

    /// The lower-cased full name of `name`, expanding a compact form (`v` -> `via`).
    public static func canonical(_ name: some StringProtocol) -> String {
        let lower = name.lowercased()
        return compactForms[lower] ?? lower
    }
}
