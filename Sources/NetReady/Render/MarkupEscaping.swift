/// Escaping for text placed in XML or HTML (JUnit and HTML reports).
///
/// Report text comes partly from the network (server headers, certificate names, SIP
/// reason phrases), so everything written into markup goes through here. Control characters
/// other than tab and newline, which XML 1.0 does not allow, become U+FFFD.
enum MarkupEscaping {
    /// `text` with `& < > " '` replaced by entities and disallowed control characters removed.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
