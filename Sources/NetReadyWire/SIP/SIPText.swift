/// Small text helpers for SIP parsing, standard library only.
enum SIPText {
    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: some StringProtocol) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        // By index: reversing twice built two intermediate collections per header value, the SIP parser's
        // largest cost under the fuzzer.
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// Runs of spaces and tabs folded to one space, and trimmed: the form used to compare header values.
    static func collapsedWhitespace(_ text: some StringProtocol) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character == " " || character == "\t" || character == "\r" || character == "\n" || character == "\r\n" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// Splits `text` at `separator` where it is outside double quotes and angle brackets.
    static func splitOutsideQuotes(_ text: some StringProtocol, separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quotes = SIPQuoteTracker()
        var angleDepth = 0
        for character in text {
            if quotes.isOutsideQuotes(character) {
                if character == "<" {
                    angleDepth += 1
                } else if character == ">" && angleDepth > 0 {
                    angleDepth -= 1
                } else if angleDepth == 0 && character == separator {
                    parts.append(current)
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    /// Whether every character of `text` is a SIP `token` character (RFC 3261 25.1).
    static func isToken(_ text: some StringProtocol) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
                    || (scalar.value >= 0x61 && scalar.value <= 0x7A) || "-.!%*_+`'~".unicodeScalars.contains(scalar)
            }
    }
}

/// Tracks RFC 3261 quoted strings (with backslash escapes) while SIP text is scanned character by character.
struct SIPQuoteTracker {
    private var inQuotes = false
    private var escaped = false

    /// Feeds the next character; true when it stands outside any quoted string and is not a quote mark itself.
    mutating func isOutsideQuotes(_ character: Character) -> Bool {
        if escaped {
            escaped = false
            return false
        }
        if inQuotes && character == "\\" {
            escaped = true
            return false
        }
        if character == "\"" {
            inQuotes.toggle()
            return false
        }
        return !inQuotes
    }
}
