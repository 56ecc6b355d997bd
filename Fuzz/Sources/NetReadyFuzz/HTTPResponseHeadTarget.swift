import NetReadyWire

extension FuzzTarget {
    /// The head of an HTTP response as the WebSocket upgrade reads it: find the blank line
    /// (`WebSocketUpgrade.headLength`), parse the head, read the headers the upgrade checks.
    static let httpResponseHead = FuzzTarget(name: "http-response-head") { bytes in
        let length = WebSocketUpgrade.headLength(bytes)
        if let length { fuzzInvariant(length >= 4 && length <= bytes.count, "head length \(length)") }
        guard let head = HTTPResponseHead(bytes[..<(length ?? bytes.count)]) else { return }
        fuzzInvariant((100...999).contains(head.status), "status \(head.status)")
        for name in ["upgrade", "connection", "sec-websocket-accept", "sec-websocket-protocol", "location"] {
            _ = head.header(name)
        }
    }
}
