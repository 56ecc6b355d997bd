import Foundation
import Glibc
import NetReadyPosix
import NetReadyWire
import Synchronization

/// A scripted UDP server on 127.0.0.1: each datagram is answered with whatever `script` returns
/// for it (none = dropped), so tests can play hostile or half-broken servers.
final class LoopbackUDPResponder: Sendable {
    /// The datagrams sent back for a received one.
    typealias Script = @Sendable (_ bytes: [UInt8]) -> [[UInt8]]

    let address: SocketAddress
    private let socket: Socket
    private let stopped = Mutex(false)
    private let count = Mutex(0)

    /// Starts answering on a thread of its own: tests on a busy cooperative pool must not delay the answers.
    init(script: @escaping Script) throws {
        socket = try Socket(family: .inet, type: .datagram)
        try socket.bind(to: SocketAddress(ip: "127.0.0.1", port: 0))
        address = try socket.localAddress()
        let thread = Thread { [self] in serve(script) }
        thread.start()
    }

    private func serve(_ script: Script) {
        while !stopped.withLock({ $0 }) {
            var descriptor = pollfd(fd: socket.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard descriptor.fd >= 0 else { return }
            guard poll(&descriptor, 1, 20) > 0 else { continue }
            while case .processed(let datagram)? = try? socket.receive(maxBytes: 4096) {
                count.withLock { $0 += 1 }
                for reply in script(datagram.bytes) { _ = try? socket.send(reply, to: datagram.from) }
            }
        }
    }

    /// Datagrams received so far.
    var received: Int { count.withLock { $0 } }

    /// Stops the thread and closes the socket, without blocking the caller: the thread sees the flag, or the
    /// closed socket (fd -1, `EBADF`), within one 20 ms poll.
    func stop() {
        stopped.withLock { $0 = true }
        socket.close()
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
