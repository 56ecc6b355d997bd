/// The HTTP/1.1 side of the RFC 6455 opening handshake: the upgrade request and the head of the answer.
public enum WebSocketUpgrade {
    /// The GUID of RFC 6455 section 1.3, appended to the key before hashing.
    public static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
    /// The most a response head may take; a longer one is not an HTTP server worth waiting for.
    public static let maxHeadBytes = 16 * 1024

    /// The upgrade request.
    ///
    /// - Parameters:
    ///   - host: the `Host:` header value (`example.com`, `[fd00::1]:8080`).
    ///   - target: the request target, `/path?query`.
    ///   - key: the base64 of 16 random bytes (`Sec-WebSocket-Key`).
    ///   - protocols: subprotocols to offer (`Sec-WebSocket-Protocol`, e.g. `sip` for RFC 7118); none by default.
    public static func request(host: String, target: String, key: String, protocols: [String] = []) -> [UInt8] {
        var lines = [
            "GET \(target) HTTP/1.1", "Host: \(host)", "Upgrade: websocket", "Connection: Upgrade",
            "Sec-WebSocket-Key: \(key)", "Sec-WebSocket-Version: 13",
        ]
        if !protocols.isEmpty { lines.append("Sec-WebSocket-Protocol: " + protocols.joined(separator: ", ")) }
        lines += ["User-Agent: netready", "", ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// The length of the head (up to and including the blank line) once `bytes` holds all of it, else nil.
    public static func headLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count
        where bytes[index - 3] == 13 && bytes[index - 2] == 10 && bytes[index - 1] == 13 && bytes[index] == 10 {
            return index + 1
        }
        return nil
    }
}

/// The status line and headers of an HTTP/1.x response, parsed from untrusted bytes.
public struct HTTPResponseHead: Sendable, Equatable {
    /// `HTTP/1.1`.
    public let version: String
    /// The status code, 100-999.
    public let status: Int
    /// The reason phrase, possibly empty.
    public let reasonPhrase: String
    /// Header fields in order, names as sent.
    public let headers: [(name: String, value: String)]

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Parses a head (status line, header lines, blank line); nil when it is not HTTP/1.x.
    public init?(_ bytes: ArraySlice<UInt8>) {
        // Header values are ISO 8859-1 at worst; decoding byte by byte never fails.
        let text = String(bytes.map { Character(Unicode.Scalar($0)) })
        var lines = text.components(separatedBy: "\r\n")[...]
        guard let statusLine = lines.popFirst() else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]),
            status >= 100
        else { return nil }
        version = String(parts[0])
        self.status = status
        reasonPhrase = parts.count > 2 ? String(parts[2]) : ""
        var headers: [(String, String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])
            headers.append((String(line[..<colon]), value))
        }
        self.headers = headers
    }

    public static func == (lhs: HTTPResponseHead, rhs: HTTPResponseHead) -> Bool {
        lhs.version == rhs.version && lhs.status == rhs.status && lhs.reasonPhrase == rhs.reasonPhrase
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

extension String {
    /// `components(separatedBy:)` for a string separator, without Foundation.
    fileprivate func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
