import Dispatch

/// A standing Dispatch read source on a socket: the handler runs on `queue` each time the socket
/// becomes readable, without the setup cost of a fresh wait per packet.
///
/// For servers that answer packet by packet (the media responder), where a wait per datagram
/// would add tenths of a millisecond to every measured round trip. Cancel it before closing the socket.
/// (`@unchecked`: a Dispatch source is thread-safe but not marked Sendable.)
public final class SocketReadSource: @unchecked Sendable {
    private let source: any DispatchSourceRead

    init(source: any DispatchSourceRead) {
        self.source = source
    }

    /// Stops the handler; safe to call more than once.
    public func cancel() {
        source.cancel()
    }
}

extension Socket {
    /// Calls `handler` on `queue` whenever the socket is readable, until the returned source is cancelled.
    public func onReadable(queue: DispatchQueue, _ handler: @escaping @Sendable () -> Void) -> SocketReadSource {
        let source = DispatchSource.makeReadSource(fileDescriptor: fileDescriptor, queue: queue)
        source.setEventHandler(handler: handler)
        source.resume()
        return SocketReadSource(source: source)
    }
}
