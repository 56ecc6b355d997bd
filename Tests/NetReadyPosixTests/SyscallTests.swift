import Glibc
import Testing

@testable import NetReadyPosix

@Suite("Syscall funnel", .timeLimit(.minutes(3)))
struct SyscallTests {
    @Test("EINTR is retried until the call completes")
    func retriesEINTR() throws {
        var calls = 0
        let result = try Syscall.run("fake") { () -> Int32 in
            calls += 1
            if calls < 4 {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(result == 7)
        #expect(calls == 4)
    }

    @Test("EAGAIN, EWOULDBLOCK and EINPROGRESS are would-block, not errors")
    func wouldBlockCodes() throws {
        for code in [EAGAIN, EWOULDBLOCK, EINPROGRESS] {
            let result = try Syscall.nonBlocking("fake") { () -> Int32 in
                errno = code
                return -1
            }
            guard case .wouldBlock = result else {
                Issue.record("errno \(code) was not reported as would-block")
                return
            }
        }
    }

    @Test("a real EAGAIN: recv on an empty non-blocking socket")
    func realEAGAIN() throws {
        let socket = try Socket(family: .inet, type: .datagram)
        defer { socket.close() }
        try socket.bind(to: SocketAddress(ip: "127.0.0.1", port: 0))
        let descriptor = socket.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: 16)
        let result = try Syscall.nonBlocking("recv") {
            buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        }
        guard case .wouldBlock = result else {
            Issue.record("expected would-block, got \(result)")
            return
        }
        guard case .wouldBlock = try socket.receive(maxBytes: 16) else {
            Issue.record("Socket.receive on an empty socket did not report would-block")
            return
        }
    }

    @Test("a bad descriptor throws IOError(EBADF) naming the call")
    func badDescriptor() {
        #expect(throws: IOError(errnoCode: EBADF, call: "close")) {
            try Syscall.run("close") { Glibc.close(-1) }
        }
        let error = IOError(errnoCode: EBADF, call: "read")
        #expect(error.shortDescription == "read: EBADF")
        #expect(error.description == "read: EBADF (Bad file descriptor)")
        #expect(IOError(errnoCode: ECONNREFUSED, call: "connect").shortDescription == "connect: ECONNREFUSED")
        #expect(TCPConnect.errnoName(EHOSTUNREACH) == "EHOSTUNREACH")
        #expect(TCPConnect.errnoName(99_999) == "errno 99999")
    }

    @Test("would-block is thrown by run(), which is for calls that cannot wait")
    func runThrowsWouldBlock() {
        #expect(throws: IOError(errnoCode: EAGAIN, call: "fake")) {
            try Syscall.run("fake") { () -> Int32 in
                errno = EAGAIN
                return -1
            }
        }
    }

    @Test("a closed socket reports EBADF and close is idempotent")
    func closedSocket() throws {
        let socket = try Socket(family: .inet, type: .stream)
        #expect(!socket.isClosed)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        #expect(socket.fileDescriptor == -1)
        #expect(throws: IOError(errnoCode: EBADF, call: "getsockname")) {
            try socket.localAddress()
        }
    }
}
