import Foundation
import NetReadyTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGPIPE never kills netready (issue 20): a peer that resets while netready is writing to it.
@Suite(.timeLimit(.minutes(3))) struct SIGPIPETests {
    /// A blocking TCP connection to 127.0.0.1:`port`, or nil while nothing listens there.
    static func connectLoopback(_ port: UInt16) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Floods the echo without reading it back, so the responder blocks writing, then resets the connection
    /// under it: its next write fails with EPIPE / ECONNRESET.
    static func floodAndReset(_ fd: Int32) {
        let chunk = [UInt8](repeating: 0x55, count: 1 << 20)
        for _ in 0..<8 {
            let sent = chunk.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { break }  // both buffers full: the responder is stuck writing to us
        }
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(fd)
    }

    @Test func responderSurvivesPeersThatResetWhileItWrites() async throws {
        let port = try LoopbackListener.closedPort()
        let responder = ChildProcess(NetReadyBinary.path, ["responder", "--listen", "127.0.0.1:\(port)"])
        responder.standardError = FileHandle.nullDevice
        try responder.run()
        let echoed: String? = try await onOwnThread {
            var first: Int32?
            for _ in 0..<200 where first == nil {
                first = Self.connectLoopback(port)
                if first == nil { usleep(50_000) }  // polling for the listener, bounded at 10 s
            }
            guard let first else { return nil }
            Self.floodAndReset(first)
            for _ in 0..<3 { if let fd = Self.connectLoopback(port) { Self.floodAndReset(fd) } }
            // Still alive and serving: a fresh connection gets its bytes back.
            guard let fd = Self.connectLoopback(port) else { return nil }
            defer { close(fd) }
            _ = Array("ping".utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var buffer = [UInt8](repeating: 0, count: 16)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
        }
        let survived = responder.isRunning
        responder.terminate()
        try await onOwnThread { responder.waitUntilExit() }
        #expect(echoed == "ping")
        #expect(survived, "the responder died: status \(responder.terminationStatus) (SIGPIPE is signal 13)")
    }

    /// stdout into a pipe whose reader has gone: netready finishes its run instead of dying of SIGPIPE.
    @Test func checkSurvivesAClosedStdout() async throws {
        let port = try LoopbackListener.closedPort()
        let status: Int32 = try await onOwnThread {
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()
            let check = ChildProcess(
                NetReadyBinary.path, ["check", "tcp://127.0.0.1:\(port)", "--format", "json", "--samples", "1"])
            check.standardOutput = pipe.fileHandleForWriting
            check.standardError = FileHandle.nullDevice
            try check.run()
            check.waitUntilExit()
            return check.terminationStatus
        }
        // 1: the probe failed (nothing listens), and the run ended normally; 13 would be death by SIGPIPE.
        #expect(status == 1, "exit status \(status)")
    }
}
