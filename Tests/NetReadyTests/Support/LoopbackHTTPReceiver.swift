import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 receiver on 127.0.0.1 for remote-write tests: records each request (head
/// and body) and answers every one with `status`, or never answers (`hang`), on a thread of its own.
final class LoopbackHTTPReceiver: @unchecked Sendable {
    /// One request as received.
    struct Request: Sendable {
        var head: String
        var body: [UInt8]

        /// The value of a header (case-insensitive name), if present.
        func header(_ name: String) -> String? {
            for line in head.components(separatedBy: "\r\n").dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                if line[..<colon].lowercased() == name.lowercased() {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    let port: UInt16
    private let listener: LoopbackListener
    private let status: Int?
    private let lock = NSLock()
    private var received: [Request] = []
    private var held: [Int32] = []
    private var isStopped = false

    /// - Parameter status: the answer to every request; nil holds each connection open and never answers.
    /// - Parameter port: a given port (one reserved with `LoopbackListener.closedPort()`); 0 lets the kernel choose.
    init(status: Int?, port requested: UInt16 = 0) throws {
        listener = try LoopbackListener(port: requested)
        port = listener.port
        self.status = status
        Thread { [self] in acceptLoop() }.start()
    }

    var url: String { "http://127.0.0.1:\(port)/api/v1/write" }

    var requests: [Request] { lock.withLock { received } }

    /// Stops accepting and closes the connections held open.
    func stop() {
        let open = lock.withLock { () -> [Int32] in
            isStopped = true
            defer { held.removeAll() }
            return held
        }
        for fd in open { close(fd) }
        // Wake the blocked accept with a connection of our own.
        LoopbackListener.poke(port: port)
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener.descriptor, nil, nil)
            if lock.withLock({ isStopped }) {
                if fd >= 0 { close(fd) }
                return
            }
            guard fd >= 0 else { continue }
            guard let request = read(fd) else {
                close(fd)
                continue
            }
            lock.withLock { received.append(request) }
            guard let status else {
                lock.withLock { held.append(fd) }
                continue
            }
            let answer = Array("HTTP/1.1 \(status) Test\r\nContent-Length: 7\r\nConnection: close\r\n\r\nanswer\n".utf8)
            _ = answer.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(fd)
        }
    }

    /// Reads a request head and its Content-Length body; nil when the client went away first.
    private func read(_ fd: Int32) -> Request? {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var headEnd: Int?
        var length = 0
        while bytes.count < 16_000_000 {
            if let end = headEnd, bytes.count >= end + length {
                return Request(head: String(decoding: bytes[..<end], as: UTF8.self), body: Array(bytes[(end + 4)...]))
            }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            bytes += buffer[..<count]
            if headEnd == nil, let range = bytes.firstRange(of: [13, 10, 13, 10]) {
                headEnd = range.lowerBound
                let head = Request(head: String(decoding: bytes[..<range.lowerBound], as: UTF8.self), body: [])
                length = 4 + (Int(head.header("Content-Length") ?? "0") ?? 0)
            }
        }
        return nil
    }
}
