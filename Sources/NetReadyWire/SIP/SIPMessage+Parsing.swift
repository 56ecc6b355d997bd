extension SIPMessage {
    /// Parses one whole message.
    ///
    /// With a Content-Length, the body is that many bytes (extra bytes are dropped, as RFC 3261 18.3 says for
    /// datagrams); without one, the rest of the input.
    ///
    /// - Parameter allowingShortBody: accept a body shorter than Content-Length, noting the shortfall in
    ///   ``missingBodyBytes`` (RFC 3261 18.3 would discard it; a prober wants to see what an ALG did).
    /// - Throws: `WireError.truncated` when the head or (unless allowed) the announced body is incomplete;
    ///   `WireError.malformed` for a start line, header line or Content-Length that is not SIP.
    public init(parsing bytes: [UInt8], allowingShortBody: Bool = false) throws(WireError) {
        guard bytes.count <= Self.maxBytes else { throw .malformed("message longer than \(Self.maxBytes) bytes") }
        var start = 0
        // RFC 3261 7.5: CRLFs before the start line are ignored (keep-alives).
        while start < bytes.count && (bytes[start] == 13 || bytes[start] == 10) { start += 1 }
        guard let head = SIPStreamFramer.headEnd(in: bytes, from: start) else {
            throw .truncated(at: bytes.count, wanted: 1)
        }
        let headText = String(decoding: bytes[start..<head.linesEnd], as: UTF8.self)
        var lines = Self.unfoldedLines(headText)[...]
        guard let first = lines.popFirst() else { throw .malformed("empty message") }
        startLine = try Self.startLine(first)
        var fields: [HeaderField] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("header line without ':': '\(line)'") }
            let name = SIPText.trimmed(line[..<colon])
            guard SIPText.isToken(name) else { throw .malformed("bad header name '\(name)'") }
            fields.append(HeaderField(name: name, value: SIPText.trimmed(line[line.index(after: colon)...])))
        }
        headers = fields
        let available = bytes.count - head.bodyStart
        if let lengthText = fields.first(where: { $0.canonicalName == "content-length" })?.value {
            guard let length = Int(lengthText), length >= 0, length <= Self.maxBytes else {
                throw .malformed("bad Content-Length '\(lengthText)'")
            }
            guard length <= available || allowingShortBody else {
                throw .truncated(at: bytes.count, wanted: length - available)
            }
            body = Array(bytes[head.bodyStart..<head.bodyStart + min(length, available)])
            missingBodyBytes = max(0, length - available)
        } else {
            body = Array(bytes[head.bodyStart...])
        }
    }

    /// Header lines with continuation lines (starting with space or tab) joined to the line before.
    static func unfoldedLines(_ text: String) -> [String] {
        var lines: [String] = []
        // "\r\n" is one Character in Swift: split on it and on a bare "\n" alike.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            if line.first == " " || line.first == "\t", !lines.isEmpty {
                // Appended in place: popping and re-appending copied the growing line once per continuation.
                lines[lines.count - 1] += " " + SIPText.trimmed(line)
            } else {
                lines.append(String(line))
            }
        }
        return lines
    }

    private static func startLine(_ line: String) throws(WireError) -> StartLine {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2 else { throw .malformed("not a SIP start line: '\(line.prefix(60))'") }
        if parts[0].uppercased() == "SIP/2.0" {
            guard parts[1].count == 3, let status = Int(parts[1]), (100...699).contains(status) else {
                throw .malformed("bad status code in '\(line.prefix(60))'")
            }
            return .response(status: status, reasonPhrase: parts.count > 2 ? String(parts[2]) : "")
        }
        guard parts.count == 3, parts[2].uppercased() == "SIP/2.0", SIPText.isToken(parts[0]),
            parts[1].contains(":")
        else { throw .malformed("not a SIP start line: '\(line.prefix(60))'") }
        return .request(method: String(parts[0]), uri: String(parts[1]))
    }
}
