import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A misbehaving TCP server on 127.0.0.1 for hostile-peer tests: each accepted connection gets the same
/// treatment (reset at once, reset after the request, an answer then close, a half-close, a drip, a hang), one
/// connection after another on a thread of its own.
final class HostileTCPServer: @unchecked Sendable {
    /// What the server does with each connection.
    enum Behaviour: Sendable {
        /// RST as soon as the connection is accepted, before reading anything.
        case resetOnAccept
        /// Reads what the client sends first (a request head up to its blank line, or one read of at least
        /// `minimumBytes`), then RST.
        case resetAfterRequest(minimumBytes: Int)
        /// Reads the request, writes `bytes`, then closes normally.
        case answer([UInt8])
        /// Closes each connection as soon as it is accepted (FIN, no RST): a plain listener that also drains
        /// its backlog, for runs of thousands of connects.
        case closeOnAccept
        /// Reads what the client sends first (one read: a ClientHello, a request head), then shuts down its sending
        /// side (FIN) and keeps reading until the client closes: a half-closed connection that never answers.
        case halfCloseAfterRequest
        /// Reads what the client sends first (one read), then writes `bytes` one byte at a time, `interval` apart,
        /// then closes.
        case drip([UInt8], interval: Duration)
        /// Accepts and keeps every connection open without reading or writing, until `stop()`.
        case acceptAndHang
    }

    let port: UInt16
    private let listener: LoopbackListener
    private let behaviour: Behaviour
    private let stopped = NSLock()
    private var isStopped = false
    /// Connections kept open by `.acceptAndHang` (touched only by the accept thread).
    private var held: [Int32] = []

    init(_ behaviour: Behaviour) throws {
        listener = try LoopbackListener()
        port = listener.port
        self.behaviour = behaviour
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting; connections already handled are closed.
    func stop() {
        stopped.withLock { isStopped = true }
        // Wake the blocked accept with a connection of our own.
        LoopbackListener.poke(port: port)
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener.descriptor, nil, nil)
            if stopped.withLock({ isStopped }) {
                if fd >= 0 { close(fd) }
                held.forEach { close($0) }
                return
            }
            guard fd >= 0 else { continue }
            handle(fd)
        }
    }

    private func handle(_ fd: Int32) {
        switch behaviour {
        case .resetOnAccept:
            reset(fd)
        case .resetAfterRequest(let minimumBytes):
            readRequest(fd, minimumBytes: minimumBytes)
            reset(fd)
        case .answer(let bytes):
            readRequest(fd, minimumBytes: 1)
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { break }
                offset += sent
            }
            close(fd)
        case .closeOnAccept:
            close(fd)
        case .acceptAndHang:
            held.append(fd)
        case .halfCloseAfterRequest:
            readRequest(fd, minimumBytes: 2)
            shutdown(fd, Int32(SHUT_WR))
            drain(fd)
            close(fd)
        case .drip(let bytes, let interval):
            readRequest(fd, minimumBytes: 2)
            let (seconds, attoseconds) = interval.components
            let pause = useconds_t(seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
            for byte in bytes {
                if stopped.withLock({ isStopped }) { break }
                guard [byte].withUnsafeBytes({ send(fd, $0.baseAddress, 1, Int32(MSG_NOSIGNAL)) }) == 1 else { break }
                usleep(pause)  // the drip's pace is the behaviour under test, not synchronisation
            }
            close(fd)
        }
    }

    /// Reads (and drops) until the client closes or the receive timeout set by `readRequest` passes.
    private func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while buffer.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) > 0 {}
    }

    /// Reads until the blank line ending an HTTP head, or until `minimumBytes` arrived, or EOF.
    private func readRequest(_ fd: Int32, minimumBytes: Int) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while received.count < 65_536 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            received += buffer[..<count]
            if received.count >= minimumBytes && minimumBytes > 1 { return }
            if received.count >= 4 && Array(received.suffix(4)) == [13, 10, 13, 10] { return }
        }
    }

    /// Closes with SO_LINGER 0: the kernel sends RST instead of FIN.
    private func reset(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(fd)
    }
}
