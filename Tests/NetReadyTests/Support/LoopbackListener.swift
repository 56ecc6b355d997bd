import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real TCP listener on 127.0.0.1 (or ::1) for tests: the kernel completes handshakes from
/// its backlog, so connects succeed without an accept loop.
final class LoopbackListener {
    let port: UInt16
    private let fd: Int32

    /// The listening socket, for a test server's own accept loop.
    var descriptor: Int32 { fd }

    /// - Parameter listening: false binds the port without listening, so connects to it are
    ///   refused and no other socket can take it until `startListening()`.
    /// - Parameter port: a given IPv4 port (0, the default, lets the kernel choose); throws when it is taken.
    init(ipv6: Bool = false, listening: Bool = true, port requested: UInt16 = 0) throws {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
            guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = requested.bigEndian
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        if listening { try startListening() }
    }

    /// Starts accepting connections (into the backlog) on the already bound port.
    func startListening() throws {
        guard listen(fd, 128) == 0 else { throw POSIXError(.EINVAL) }
    }

    deinit { close(fd) }

    /// Three consecutive IPv4 ports P, P+1, P+2: listening, refused (bound, not listening), listening. Every port
    /// of the range is held by the test, so a range probe over it has one known answer per port.
    static func openClosedOpen() throws -> [LoopbackListener] {
        for _ in 0..<100 {
            let first = try LoopbackListener()
            guard first.port < UInt16.max - 2,
                let closed = try? LoopbackListener(listening: false, port: first.port + 1),
                let last = try? LoopbackListener(port: first.port + 2)
            else { continue }
            return [first, closed, last]
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// Whether a connection is waiting in the backlog (someone connected since the listener opened).
    var hasPendingConnection: Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1
    }

    /// A loopback port where connects are refused: bound but not listening, and kept bound for
    /// the rest of the test run, so no other test's listener can be given the same port.
    static func closedPort() throws -> UInt16 {
        let holder = try LoopbackListener(listening: false)
        BoundPorts.shared.keep(holder)
        return holder.port
    }
}

/// Sockets kept open until the test process ends (see `LoopbackListener.closedPort`).
final class BoundPorts: @unchecked Sendable {
    static let shared = BoundPorts()
    private let lock = NSLock()
    private var held: [LoopbackListener] = []

    func keep(_ listener: LoopbackListener) { lock.withLock { held.append(listener) } }
}
