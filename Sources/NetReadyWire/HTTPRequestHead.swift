/// The start of an HTTP/1.x request as a small server reads it (RFC 9112 section 3): method,
/// target path and query, and whether the header block is complete.
///
/// Only what `netready serve` needs: headers are skipped, bodies are not read. Bounds-checked;
/// a malformed request line is an error, never a trap.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    /// The path part of the request target, e.g. `/metrics`.
    public var path: String
    /// The query after `?`, without it; empty when there is none.
    public var query: String
    public var version: String

    public init(method: String, path: String, query: String, version: String) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
    }

    /// Parses the request line of `bytes`, which must hold the whole header block (up to the
    /// blank line).
    ///
    /// - Returns: nil while the header block is incomplete (read more).
    /// - Throws: `WireError.malformed` for a request line that is not `METHOD TARGET HTTP/1.x`.
    public static func parse(_ bytes: [UInt8]) throws(WireError) -> HTTPRequestHead? {
        guard let end = headerEnd(bytes) else { return nil }
        guard let lineEnd = bytes[..<end].firstIndex(of: UInt8(ascii: "\r")) else {
            throw .malformed("no request line")
        }
        let line = String(decoding: bytes[..<lineEnd], as: UTF8.self)
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[1].hasPrefix("/"), parts[2].hasPrefix("HTTP/1.") else {
            throw .malformed("bad request line '\(line.prefix(80))'")
        }
        let target = parts[1]
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return HTTPRequestHead(
            method: String(parts[0]), path: String(path[0]), query: path.count > 1 ? String(path[1]) : "",
            version: String(parts[2]))
    }

    /// The index just past the blank line that ends the header block, if it has arrived.
    public static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }
}
