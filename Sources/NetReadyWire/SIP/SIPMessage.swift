/// A SIP request or response (RFC 3261 section 7): start line, header fields in order, body.
///
/// Parsing takes one whole message (a UDP datagram, a WebSocket frame, or what ``SIPStreamFramer`` cut from a
/// stream), tolerates bare LF line ends and folded header lines, and never traps on hostile input.
public struct SIPMessage: Sendable, Equatable {
    /// The most a message may take; anything longer is not a SIP server worth parsing.
    public static let maxBytes = 64 * 1024

    /// The first line: a request or a status.
    public enum StartLine: Sendable, Equatable {
        /// `OPTIONS sip:example.com SIP/2.0`.
        case request(method: String, uri: String)
        /// `SIP/2.0 200 OK`.
        case response(status: Int, reasonPhrase: String)
    }

    /// One header line: the name as sent and its value, unfolded.
    public struct HeaderField: Sendable, Equatable {
        /// The name as sent (possibly a compact form, any case).
        public var name: String
        /// The value, with continuation lines joined by one space and outer whitespace trimmed.
        public var value: String

        /// A field `name: value`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// The lower-case full name (`v` -> `via`).
        public var canonicalName: String { SIPHeaderName.canonical(name) }
    }

    /// The start line.
    public var startLine: StartLine
    /// The header fields in order.
    public var headers: [HeaderField]
    /// The body (Content-Length bytes when that header is present).
    public var body: [UInt8]
    /// How many bytes short of its Content-Length the body was, when parsed with `allowingShortBody`; a message
    /// resized in transit (by a SIP ALG) without fixing Content-Length shows this.
    public var missingBodyBytes = 0

    /// A message made of its parts.
    public init(startLine: StartLine, headers: [HeaderField], body: [UInt8] = []) {
        self.startLine = startLine
        self.headers = headers
        self.body = body
    }

    /// The status code of a response; nil for a request.
    public var statusCode: Int? {
        if case .response(let status, _) = startLine { return status }
        return nil
    }

    /// The reason phrase of a response; nil for a request.
    public var reasonPhrase: String? {
        if case .response(_, let phrase) = startLine { return phrase }
        return nil
    }

    /// The method of a request; nil for a response.
    public var method: String? {
        if case .request(let method, _) = startLine { return method }
        return nil
    }

    /// The whole value of the first field named `name` (compact forms and case folded).
    public func header(_ name: String) -> String? {
        let wanted = SIPHeaderName.canonical(name)
        return headers.first { $0.canonicalName == wanted }?.value
    }

    /// Every value of header `name` in order: all its fields, and for list headers (Via, Contact, ...) each
    /// comma-separated element of each field.
    public func values(_ name: String) -> [String] {
        let wanted = SIPHeaderName.canonical(name)
        let fields = headers.filter { $0.canonicalName == wanted }.map(\.value)
        guard SIPHeaderName.listHeaders.contains(wanted) else { return fields }
        return fields.flatMap { SIPText.splitOutsideQuotes($0, separator: ",") }.map { SIPText.trimmed($0) }
            .filter { !$0.isEmpty }
    }

    /// Every Via, top first.
    ///
    /// - Throws: `WireError.malformed` when one does not parse.
    public func vias() throws(WireError) -> [SIPVia] {
        var result: [SIPVia] = []
        for value in values("via") { result.append(try SIPVia(parsing: value)) }
        return result
    }

    /// The first From, To or Contact value as a name-addr; nil when absent.
    ///
    /// - Throws: `WireError.malformed` when it does not parse.
    public func nameAddress(_ name: String) throws(WireError) -> SIPNameAddress? {
        guard let value = values(name).first else { return nil }
        return try SIPNameAddress(parsing: value)
    }

    /// The CSeq; nil when absent.
    ///
    /// - Throws: `WireError.malformed` when it does not parse.
    public func cseq() throws(WireError) -> SIPCSeq? {
        guard let value = header("cseq") else { return nil }
        return try SIPCSeq(parsing: value)
    }

    /// The Call-ID; nil when absent.
    public var callID: String? { header("call-id") }

    /// The message as bytes, with a Content-Length matching the body when the message has none.
    public func serialized() -> [UInt8] {
        var text: String
        switch startLine {
        case .request(let method, let uri): text = "\(method) \(uri) SIP/2.0\r\n"
        case .response(let status, let phrase): text = "SIP/2.0 \(status) \(phrase)\r\n"
        }
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        if header("content-length") == nil { text += "Content-Length: \(body.count)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + body
    }
}
