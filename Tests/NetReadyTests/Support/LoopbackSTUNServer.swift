import Foundation
import Glibc
import NetReadyPosix
import NetReadyWire
import Synchronization

/// A scripted STUN server on 127.0.0.1 (UDP) for hostile-peer tests: each request is answered with whatever the
/// script returns for it, sent from the server's socket or from a second "stray" socket on another port, so tests
/// can craft garbage, truncated messages, wrong transaction IDs and answers from the wrong address.
final class LoopbackSTUNServer: Sendable {
    /// One datagram to send back.
    struct Reply: Sendable {
        var bytes: [UInt8]
        /// Sent from the stray socket (another port) instead of the server's.
        var fromStray = false
    }

    /// Decides the datagrams sent back for the `index`-th request received.
    typealias Script = @Sendable (_ request: STUNMessage, _ from: SocketAddress, _ index: Int) -> [Reply]

    let address: SocketAddress
    private let socket: Socket
    private let stray: Socket
    private let stopped = Mutex(false)
    private let received = QueryCounter()

    /// Starts answering on a thread of its own, so a busy cooperative pool cannot delay the answers.
    init(script: @escaping Script) throws {
        socket = try Socket(family: .inet, type: .datagram)
        stray = try Socket(family: .inet, type: .datagram)
        try socket.bind(to: SocketAddress(ip: "127.0.0.1", port: 0))
        try stray.bind(to: SocketAddress(ip: "127.0.0.1", port: 0))
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
                guard let request = try? STUNMessage(decoding: datagram.bytes) else { continue }
                for reply in script(request, datagram.from, received.next()) {
                    _ = try? (reply.fromStray ? stray : socket).send(reply.bytes, to: datagram.from)
                }
            }
        }
    }

    /// Requests received so far.
    var requests: Int { received.count }

    /// Stops the thread and closes the sockets without blocking the caller.
    func stop() {
        stopped.withLock { $0 = true }
        socket.close()
        stray.close()
    }

    /// A valid Binding success for `request` naming `mapped` (the request's source), as coturn would send it.
    static func success(_ request: STUNMessage, mapped: SocketAddress, transactionID: [UInt8]? = nil) -> [UInt8] {
        let id = transactionID ?? request.transactionID
        let bytes = mapped.ip.split(separator: ".").compactMap { UInt8($0) }
        return STUNMessage(
            type: STUNMessage.bindingSuccess, transactionID: id,
            attributes: [
                .init(
                    type: STUNMessage.Attribute.xorMappedAddress,
                    value: STUNAddress(address: bytes, port: mapped.port).xorEncoded(transactionID: id))
            ]
        ).encoded()
    }
}
