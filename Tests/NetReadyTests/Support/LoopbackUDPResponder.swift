import Foundation
import NetReadyPosix
import NetReadyWire
import Synchronization

/// A scripted UDP server on 127.0.0.1 that counts what it receives: each datagram is answered with whatever
/// `script` returns for it (none = dropped), so tests can play hostile or half-broken servers. Served by
/// `LoopbackUDPServer` (its own thread).
final class LoopbackUDPResponder: Sendable {
    /// The datagrams sent back for a received one.
    typealias Script = @Sendable (_ bytes: [UInt8]) -> [[UInt8]]

    private let server: LoopbackUDPServer
    private let count: Counter

    var address: SocketAddress { server.address }

    init(script: @escaping Script) throws {
        let count = Counter()
        self.count = count
        server = try LoopbackUDPServer { datagram in
            count.increment()
            return script(datagram.bytes).map { LoopbackUDPServer.Reply(bytes: $0) }
        }
    }

    /// Datagrams received so far.
    var received: Int { count.value }

    /// Stops answering, without blocking the caller.
    func stop() { server.stop() }

    private final class Counter: Sendable {
        private let state = Mutex(0)
        func increment() { state.withLock { $0 += 1 } }
        var value: Int { state.withLock { $0 } }
    }
}

extension LoopbackUDPResponder {
    /// A responder for STUN/TURN tests: `script` gets each datagram decoded (nil when not STUN).
    static func stun(
        _ script: @escaping @Sendable (_ request: STUNMessage?) -> [[UInt8]]
    ) throws
        -> LoopbackUDPResponder
    {
        try LoopbackUDPResponder { bytes in script(try? STUNMessage(decoding: bytes)) }
    }

    /// An answer to `request` of `messageClass` with `attributes` made for its transaction ID.
    static func answer(
        _ request: STUNMessage, _ messageClass: STUNClass, transactionID: [UInt8]? = nil,
        _ attributes: ([UInt8]) -> [STUNMessage.Attribute] = { _ in [] }
    ) -> [UInt8] {
        let id = transactionID ?? request.transactionID
        return STUNMessage(
            type: STUNMessage.messageType(request.method, messageClass), transactionID: id,
            attributes: attributes(id)
        ).encoded()
    }
}
