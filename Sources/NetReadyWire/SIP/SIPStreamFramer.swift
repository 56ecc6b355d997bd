/// Cuts SIP messages out of a byte stream (TCP, TLS): the head ends at the first blank line, then
/// Content-Length bytes of body (RFC 3261 18.3). Handles a message split across reads and several in one read.
///
/// Linear in the bytes received however they are cut: the search for the blank line resumes where the last one
/// stopped, a head's Content-Length is read once, and returned messages are dropped from the front by an offset
/// (the storage is compacted when more than half of it is consumed). A peer dripping a 64 KiB head one byte per
/// read costs 64 Ki steps, not 64 Ki squared.
public struct SIPStreamFramer: Sendable {
    /// The storage: `storage[consumed...]` is what has not been returned yet.
    private var storage: [UInt8] = []
    /// How many bytes at the front of `storage` belong to messages already returned.
    private var consumed = 0
    /// Offset (in `storage`) from which the blank-line search goes on: no head ends before it.
    private var searchFrom = 0
    /// The head found at the front of the unreturned bytes and its Content-Length, while its body is arriving.
    private var pendingHead: (bodyStart: Int, length: Int)?

    /// Bytes received and not yet returned as a message.
    public var buffered: [UInt8] { Array(storage[consumed...]) }

    /// An empty framer.
    public init() {}

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        storage.append(contentsOf: bytes)
    }

    /// The next whole message's bytes, or nil until one is complete. Leading CRLF keep-alives are skipped.
    ///
    /// - Throws: `WireError.malformed` when the head grows past ``SIPMessage/maxBytes`` or Content-Length is
    ///   not a number; the stream cannot be resynchronised after that.
    public mutating func nextMessage() throws(WireError) -> [UInt8]? {
        if pendingHead == nil { skipKeepAlives() }
        guard consumed < storage.count else { return nil }
        if pendingHead == nil {
            guard let head = Self.headEnd(in: storage, from: searchFrom) else {
                // The last two offsets are searched again: a CRLF LF may still be completed by the next read.
                searchFrom = max(consumed, storage.count - 2)
                guard storage.count - consumed <= SIPMessage.maxBytes else {
                    throw .malformed("no end of headers within \(SIPMessage.maxBytes) bytes")
                }
                return nil
            }
            let length = try Self.contentLength(in: storage[consumed..<head.linesEnd])
            guard head.bodyStart - consumed <= SIPMessage.maxBytes - length else {
                throw .malformed("message longer than \(SIPMessage.maxBytes) bytes")
            }
            pendingHead = (head.bodyStart, length)
        }
        guard let (bodyStart, length) = pendingHead, storage.count >= bodyStart + length else { return nil }
        let end = bodyStart + length
        let message = Array(storage[consumed..<end])
        consume(upTo: end)
        return message
    }

    /// Whether the buffer holds a whole head whose body has not all arrived yet.
    public var hasPartialMessage: Bool {
        if pendingHead != nil { return true }
        var start = consumed
        while start < storage.count && (storage[start] == 13 || storage[start] == 10) { start += 1 }
        return Self.headEnd(in: storage, from: max(start, searchFrom)) != nil
    }

    /// Takes whatever is buffered as one message, body short or not: for a peer that announced more body than
    /// it sent (a message resized in transit without fixing Content-Length).
    public mutating func takePartialMessage() -> [UInt8] {
        defer { self = SIPStreamFramer() }
        return buffered
    }

    /// Drops CRLF keep-alives in front of the next message.
    private mutating func skipKeepAlives() {
        var start = consumed
        while start < storage.count && (storage[start] == 13 || storage[start] == 10) { start += 1 }
        if start > consumed { consume(upTo: start) }
    }

    /// Marks `storage[..<end]` as returned; compacts the storage once most of it is.
    private mutating func consume(upTo end: Int) {
        consumed = end
        searchFrom = end
        pendingHead = nil
        if consumed == storage.count {
            storage.removeAll(keepingCapacity: true)
            (consumed, searchFrom) = (0, 0)
        } else if consumed > storage.count / 2 {
            storage.removeFirst(consumed)
            (consumed, searchFrom) = (0, 0)
        }
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
