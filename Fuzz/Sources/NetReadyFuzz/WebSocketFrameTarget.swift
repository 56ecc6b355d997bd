import NetReadyWire

extension FuzzTarget {
    /// WebSocket frames from a server, read the way the `ws://` prober drains its buffer: decode,
    /// drop the frame's length, repeat. A decoded frame never claims more bytes than it was given.
    static let websocketFrame = FuzzTarget(name: "websocket-frame") { bytes in
        var buffer = bytes[...]
        while !buffer.isEmpty {
            // `try?` would flatten "malformed" and "incomplete" into one nil; both end the drain.
            guard case .some(.some(let (frame, length))) = try? WebSocketFrame.decode(Array(buffer)) else { return }
            fuzzInvariant(length > 0 && length <= buffer.count, "frame length \(length) of \(buffer.count) bytes")
            _ = frame.encoded(maskKey: [1, 2, 3, 4])
            buffer = buffer.dropFirst(length)
        }
    }
}
