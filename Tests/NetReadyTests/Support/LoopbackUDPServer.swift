import Foundation
import Glibc
import NetReadyPosix
import Synchronization

/// A scripted UDP server on 127.0.0.1 for hostile-peer tests, served from a thread of its own (a busy cooperative
/// pool must not delay the answers). Each datagram is answered with what `handle` returns: bytes sent from the
/// server's socket, or from a second socket on another port (an answer from the wrong address).
final class LoopbackUDPServer: Sendable {
    /// One datagram to send back.
    struct Reply: Sendable {
        var bytes: [UInt8]
        /// Sent from the second socket (another port) instead of the server's.
        var fromOtherPort = false
    }

    let address: SocketAddress
    private let socket: Socket
    private let other: Socket
    private let stopped = Mutex(false)

    /// Serves on `port` (0, the default, lets the kernel choose); throws when the port is taken.
    init(port: UInt16 = 0, handle: @escaping @Sendable (Datagram) -> [Reply]) throws {
        socket = try Socket(family: .inet, type: .datagram)
        other = try Socket(family: .inet, type: .datagram)
        try socket.bind(to: SocketAddress(ip: "127.0.0.1", port: port))
        try other.bind(to: SocketAddress(ip: "127.0.0.1", port: 0))
        address = try socket.localAddress()
        let thread = Thread { [self] in serve(handle) }
        thread.start()
    }

    private func serve(_ handle: @Sendable (Datagram) -> [Reply]) {
        while !stopped.withLock({ $0 }) {
            var descriptor = pollfd(fd: socket.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard descriptor.fd >= 0 else { return }
            guard poll(&descriptor, 1, 20) > 0 else { continue }
            while case .processed(let datagram)? = try? socket.receive(maxBytes: 4096) {
                for reply in handle(datagram) {
                    _ = try? (reply.fromOtherPort ? other : socket).send(reply.bytes, to: datagram.from)
                }
            }
        }
    }

    /// Stops the thread and closes the sockets without blocking the caller: the thread sees the flag, or the
    /// closed socket (fd -1, `EBADF`), within one 20 ms poll.
    func stop() {
        stopped.withLock { $0 = true }
        socket.close()
        other.close()
    }
}
