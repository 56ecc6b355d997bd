internal import CNetReadyShims
import Glibc
import Synchronization

/// One non-blocking, close-on-exec socket descriptor and everything done with it.
///
/// Every operation holds an internal lock for the duration of its (non-blocking) system call, so a socket can be
/// shared between tasks and ``close()`` never races with a call using the descriptor. The owner must call
/// ``close()``; `deinit` asserts that in debug builds and closes the descriptor anyway.
public final class Socket: @unchecked Sendable {
    struct State {
        /// The descriptor, or -1 once closed.
        var descriptor: Int32
        /// Whether the socket has an entry on its event loop (from its first readiness wait until `close()`).
        var registered = false
    }

    /// The address family the socket was opened with.
    public let family: AddressFamily
    /// The socket type.
    public let type: SocketType
    let state: Mutex<State>
    /// The event loop that watches this socket for its whole life, and the token naming it there.
    let loop: EventLoop
    let token: UInt64

    /// Opens a socket with `SOCK_NONBLOCK | SOCK_CLOEXEC`.
    ///
    /// - Parameters:
    ///   - family: IPv4 or IPv6.
    ///   - type: stream, datagram or raw.
    ///   - protocol: e.g. `IPPROTO_ICMP`; 0 picks the default for the type.
    /// - Throws: ``IOError`` from `socket(2)` (e.g. `EACCES` for ICMP sockets without privileges).
    public init(family: AddressFamily, type: SocketType, protocol: Int32 = 0) throws(IOError) {
        let flags = type.rawValue | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = try Syscall.run("socket") { Glibc.socket(family.rawValue, flags, `protocol`) }
        self.family = family
        self.type = type
        self.state = Mutex(State(descriptor: descriptor))
        (loop, token) = EventLoop.assign()
    }

    /// Opens a socket and sets it up with `configure` (options, bind, connect), closing it when
    /// `configure` throws, so no error path leaves a descriptor behind.
    ///
    /// - Throws: `IOError` from `socket(2)` or from `configure`.
    public static func open(
        family: AddressFamily, type: SocketType, protocol: Int32 = 0,
        configure: (Socket) throws(IOError) -> Void
    ) throws(IOError) -> Socket {
        let socket = try Socket(family: family, type: type, protocol: `protocol`)
        do {
            try configure(socket)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Adopts a descriptor returned by `accept4` with `SOCK_NONBLOCK | SOCK_CLOEXEC`.
    private init(adopting descriptor: Int32, family: AddressFamily, type: SocketType) {
        self.family = family
        self.type = type
        self.state = Mutex(State(descriptor: descriptor))
        (loop, token) = EventLoop.assign()
    }

    deinit {
        let (descriptor, registered) = state.withLock { ($0.descriptor, $0.registered) }
        if descriptor >= 0 {
            assertionFailure("Socket \(descriptor) deallocated without close()")
            if registered {
                loop.deregister(token: token, descriptor: descriptor)
            }
            _ = Glibc.close(descriptor)
        }
    }

    /// `true` once ``close()`` has run.
    public var isClosed: Bool {
        state.withLock { $0.descriptor < 0 }
    }

    /// The raw descriptor (-1 once closed), for C libraries that drive the socket themselves (OpenSSL, libcurl).
    ///
    /// Borrowed: valid only until ``close()``, which remains the only way to close it.
    public var fileDescriptor: Int32 {
        state.withLock { $0.descriptor }
    }

    /// Runs `body` with the open descriptor while holding the lock.
    ///
    /// - Throws: `EBADF` attributed to `call` when the socket is closed, or whatever `body` throws.
    @discardableResult
    func withDescriptor<R>(_ call: String, _ body: (Int32) throws(IOError) -> R) throws(IOError) -> R {
        let result: Result<R, IOError> = state.withLock { state in
            guard state.descriptor >= 0 else {
                return .failure(IOError(errnoCode: EBADF, call: call))
            }
            do throws(IOError) {
                return .success(try body(state.descriptor))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Closes the descriptor; idempotent.
    ///
    /// Readiness waits still in flight return ``ReadinessResult/cancelled``; the descriptor leaves the event loop's
    /// epoll set before it is closed, so a reused descriptor number can never be mistaken for this socket.
    public func close() {
        let (descriptor, registered) = state.withLock { state in
            let taken = (state.descriptor, state.registered)
            state.descriptor = -1
            return taken
        }
        guard descriptor >= 0 else {
            return
        }
        if registered {
            loop.deregister(token: token, descriptor: descriptor)
        }
        // Not through the funnel on purpose: on Linux close() must not be retried after EINTR (the descriptor is
        // already released), and there is nothing useful to do with its other errors here.
        _ = Glibc.close(descriptor)
    }

    /// Sets an integer socket option.
    func setOption(level: Int32, name: Int32, value: Int32, call: String) throws(IOError) {
        try withDescriptor(call) { (descriptor) throws(IOError) in
            var value = value
            try Syscall.run(call) {
                setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
            }
        }
    }

    /// Reads an integer socket option.
    func option(level: Int32, name: Int32, call: String) throws(IOError) -> Int32 {
        try withDescriptor(call) { (descriptor) throws(IOError) in
            var value: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            try Syscall.run(call) { getsockopt(descriptor, level, name, &value, &length) }
            return value
        }
    }

    /// Binds to a local address (choose the source address and/or port).
    public func bind(to address: SocketAddress) throws(IOError) {
        try withDescriptor("bind") { (descriptor) throws(IOError) in
            try address.withSockAddr { (pointer, length) throws(IOError) in
                try Syscall.run("bind") { Glibc.bind(descriptor, pointer, length) }
            }
        }
    }

    /// Binds to a network interface with `SO_BINDTODEVICE` (needs `CAP_NET_RAW` on older kernels).
    public func bind(toInterface name: String) throws(IOError) {
        let bytes = Array(name.utf8CString)
        try withDescriptor("setsockopt(SO_BINDTODEVICE)") { (descriptor) throws(IOError) in
            try Syscall.run("setsockopt(SO_BINDTODEVICE)") {
                setsockopt(descriptor, SOL_SOCKET, SO_BINDTODEVICE, bytes, socklen_t(bytes.count))
            }
        }
    }

    /// Sets `SO_REUSEADDR`, for listeners that restart on the same port.
    public func setReuseAddress(_ enabled: Bool = true) throws(IOError) {
        try setOption(level: SOL_SOCKET, name: SO_REUSEADDR, value: enabled ? 1 : 0, call: "setsockopt(SO_REUSEADDR)")
    }

    /// Sets the outgoing TTL (IPv4 `IP_TTL`) or hop limit (IPv6 `IPV6_UNICAST_HOPS`).
    public func setTimeToLive(_ hops: Int) throws(IOError) {
        switch family {
        case .inet:
            try setOption(
                level: Int32(IPPROTO_IP),
                name: IP_TTL,
                value: Int32(clamping: hops),
                call: "setsockopt(IP_TTL)"
            )
        case .inet6:
            try setOption(
                level: Int32(IPPROTO_IPV6),
                name: IPV6_UNICAST_HOPS,
                value: Int32(clamping: hops),
                call: "setsockopt(IPV6_UNICAST_HOPS)"
            )
        }
    }

    /// Starts listening; `backlog` is the accept queue length.
    public func listen(backlog: Int32 = 128) throws(IOError) {
        try withDescriptor("listen") { (descriptor) throws(IOError) in
            try Syscall.run("listen") { Glibc.listen(descriptor, backlog) }
        }
    }

    /// Accepts one pending connection as a new non-blocking, close-on-exec socket.
    public func accept() throws(IOError) -> IOResult<Socket> {
        let result = try withDescriptor("accept4") { (descriptor) throws(IOError) in
            try Syscall.nonBlocking("accept4") {
                CNetReadyShims_accept4(descriptor, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            }
        }
        switch result {
        case .processed(let descriptor):
            return .processed(Socket(adopting: descriptor, family: family, type: type))
        case .wouldBlock:
            return .wouldBlock
        }
    }

    /// Starts connecting; a stream socket normally answers ``ConnectOutcome/inProgress``.
    ///
    /// - Throws: ``IOError`` for immediate failures, e.g. `ENETUNREACH` when there is no route.
    public func connect(to address: SocketAddress) throws(IOError) -> ConnectOutcome {
        do {
            let result = try withDescriptor("connect") { (descriptor) throws(IOError) in
                try address.withSockAddr { (pointer, length) throws(IOError) in
                    try Syscall.nonBlocking("connect") { Glibc.connect(descriptor, pointer, length) }
                }
            }
            switch result {
            case .processed: return .connected
            case .wouldBlock: return .inProgress
            }
        } catch  where error.errnoCode == EALREADY {
            // A connect interrupted by a signal and retried by the funnel reports the attempt already under way.
            return .inProgress
        }
    }

    /// The socket's pending error (`SO_ERROR`), which reading clears: 0 after a successful connect.
    public func pendingError() throws(IOError) -> Int32 {
        try option(level: SOL_SOCKET, name: SO_ERROR, call: "getsockopt(SO_ERROR)")
    }

    /// The local address (`getsockname`), e.g. to learn the port the kernel picked.
    public func localAddress() throws(IOError) -> SocketAddress {
        try address(call: "getsockname") { getsockname($0, $1, $2) }
    }

    /// The peer address (`getpeername`); throws `ENOTCONN` while a connect is still in progress.
    public func remoteAddress() throws(IOError) -> SocketAddress {
        try address(call: "getpeername") { getpeername($0, $1, $2) }
    }

    private func address(
        call: String,
        _ getter: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) throws(IOError) -> SocketAddress {
        try withDescriptor(call) { (descriptor) throws(IOError) in
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            try Syscall.run(call) {
                withUnsafeMutablePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getter(descriptor, $0, &length) }
                }
            }
            guard let address = SocketAddress(storage, length: length) else {
                throw IOError(errnoCode: EAFNOSUPPORT, call: call)
            }
            return address
        }
    }

    /// Sends bytes: to `destination` on an unconnected datagram socket, or to the peer when `destination` is nil.
    ///
    /// - Returns: the number of bytes sent, or ``IOResult/wouldBlock`` when the send buffer is full.
    public func send(_ bytes: [UInt8], to destination: SocketAddress? = nil) throws(IOError) -> IOResult<Int> {
        try withDescriptor("send") { (descriptor) throws(IOError) in
            // MSG_NOSIGNAL: a peer that has gone away must give EPIPE, not kill the process with SIGPIPE.
            let flags = Int32(MSG_NOSIGNAL)
            let result: IOResult<Int>
            if let destination {
                result = try destination.withSockAddr { (pointer, length) throws(IOError) in
                    try Syscall.nonBlocking("sendto") {
                        bytes.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, flags, pointer, length) }
                    }
                }
            } else {
                result = try Syscall.nonBlocking("send") {
                    bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, flags) }
                }
            }
            return result
        }
    }

    /// Reads up to `maxBytes` from a stream socket; an empty array means the peer closed its side.
    public func read(maxBytes: Int) throws(IOError) -> IOResult<[UInt8]> {
        try withDescriptor("recv") { (descriptor) throws(IOError) in
            var buffer = [UInt8](repeating: 0, count: max(maxBytes, 1))
            let result = try Syscall.nonBlocking("recv") {
                buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            }
            switch result {
            case .processed(let count):
                return .processed(Array(buffer.prefix(count)))
            case .wouldBlock:
                return .wouldBlock
            }
        }
    }
}
