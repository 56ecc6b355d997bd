/// Cuts SIP messages out of a byte stream (TCP, TLS): the head ends at the first blank line, then
/// Content-Length bytes of body (RFC 3261 18.3). Handles a message split across reads and several in one read.
public struct SIPStreamFramer: Sendable {
    /// Bytes received and not yet returned as a message.
    public private(set) var buffered: [UInt8] = []

    /// An empty framer.
    public init() {}

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffered.append(contentsOf: bytes)
    }

    /// The next whole message's bytes, or nil until one is complete. Leading CRLF keep-alives are skipped.
    ///
    /// - Throws: `WireError.malformed` when the head grows past ``SIPMessage/maxBytes`` or Content-Length is
    ///   not a number; the stream cannot be resynchronised after that.
    public mutating func nextMessage() throws(WireError) -> [UInt8]? {
        let skipped = buffered.prefix { $0 == 13 || $0 == 10 }.count
        if skipped > 0 { buffered.removeFirst(skipped) }
        guard !buffered.isEmpty else { return nil }
        guard let head = Self.headEnd(in: buffered, from: 0) else {
            guard buffered.count <= SIPMessage.maxBytes else {
                throw .malformed("no end of headers within \(SIPMessage.maxBytes) bytes")
            }
            return nil
        }
        let length = try Self.contentLength(in: buffered[..<head.linesEnd])
        guard head.bodyStart <= SIPMessage.maxBytes - length else {
            throw .malformed("message longer than \(SIPMessage.maxBytes) bytes")
        }
        let end = head.bodyStart + length
        guard buffered.count >= end else { return nil }
        let message = Array(buffered[..<end])
        buffered.removeFirst(end)
        return message
    }

    /// Whether the buffer holds a whole head whose body has not all arrived yet.
    public var hasPartialMessage: Bool {
        let start = buffered.prefix { $0 == 13 || $0 == 10 }.count
        return Self.headEnd(in: buffered, from: start) != nil
    }

    /// Takes whatever is buffered as one message, body short or not: for a peer that announced more body than
    /// it sent (a message resized in transit without fixing Content-Length).
    public mutating func takePartialMessage() -> [UInt8] {
        defer { buffered = [] }
        return buffered
    }

    /// Where the head's lines end and the body starts: after the first CRLFCRLF (or LFLF) at or after `start`.
    static func headEnd(in bytes: [UInt8], from start: Int) -> (linesEnd: Int, bodyStart: Int)? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 10 && bytes[index + 1] == 10 { return (index + 1, index + 2) }
            if bytes[index] == 10 && bytes[index + 1] == 13 && index + 2 < bytes.count && bytes[index + 2] == 10 {
                return (index + 1, index + 3)
            }
            index += 1
        }
        return nil
    }

    /// The Content-Length of a head (0 when absent).
    private static func contentLength(in head: ArraySlice<UInt8>) throws(WireError) -> Int {
        let lines = SIPMessage.unfoldedLines(String(decoding: head, as: UTF8.self))
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"),
                SIPHeaderName.canonical(SIPText.trimmed(line[..<colon])) == "content-length"
            else { continue }
            let text = SIPText.trimmed(line[line.index(after: colon)...])
            guard let length = Int(text), length >= 0, length <= SIPMessage.maxBytes else {
                throw .malformed("bad Content-Length '\(text)'")
            }
            return length
        }
        return 0
    }
}
