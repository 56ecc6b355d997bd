import Glibc
import NetReadyTestSupport
import Testing

@testable import NetReadyPosix

/// The event loop behind every readiness wait: one epoll registration per socket, deadlines in a heap.
@Suite("Event loop", .timeLimit(.minutes(3)))
struct EventLoopTests {
    private func boundUDP() throws -> Socket { try .boundLoopbackUDP() }
    private func quietUDP() throws -> Socket { try .quietLoopbackUDP() }

    @Test("10,000 waits (as many as the descriptor limit allows) time out together")
    func tenThousandWaits() async throws {
        let limit = ResourceLimits.raiseOpenFileLimit() - ResourceLimits.openDescriptorCount() - 200
        let count = min(10_000, limit)
        try #require(count >= 1_000, "descriptor limit too low for this test: \(limit)")
        let sockets = try (0..<count).map { _ in try quietUDP() }
        defer { sockets.forEach { $0.close() } }
        let clock = ContinuousClock()
        let start = clock.now
        let timedOut = await withTaskGroup(of: Bool.self) { group in
            for socket in sockets {
                group.addTask { await socket.waitReadable(timeout: .seconds(2)) == .timedOut }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(timedOut == count)
        #expect(clock.now - start >= .milliseconds(1_990))
        #expect(clock.now - start < TimeBound.notHung(after: .seconds(2)), "took \(clock.now - start)")
    }

    @Test("an ICMP port-unreachable (IP_RECVERR, EPOLLERR only) ends a readable wait long before its deadline")
    func errorQueueWakes() async throws {
        let closed = try boundUDP()
        let destination = try closed.localAddress()
        closed.close()
        let socket = try boundUDP()
        defer { socket.close() }
        try socket.enableErrorQueue()
        let clock = ContinuousClock()
        let start = clock.now
        // Armed before the error exists, so the wake-up usually comes from the loop, not from arming a ready socket.
        let wait = Task { await socket.waitReadable(timeout: .seconds(30)) }
        _ = try socket.send([1], to: destination)
        #expect(await wait.value == .ready)
        #expect(clock.now - start < TimeBound.beforeTimeout(.seconds(30)))
        #expect(try socket.readErrorQueue()?.errnoCode == ECONNREFUSED)
    }

    @Test("a readable and a writable wait on one socket: the writable one ends, the readable one stays armed")
    func twoDirections() async throws {
        let socket = try boundUDP()
        defer { socket.close() }
        let clock = ContinuousClock()
        let start = clock.now
        let readable = Task { await socket.waitReadable(timeout: .seconds(30)) }
        #expect(await socket.waitWritable(timeout: .seconds(30)) == .ready)
        _ = try socket.send([7], to: socket.localAddress())
        // Lost when the writable event disarmed the registration, the readable wait would last its 30 s.
        #expect(await readable.value == .ready)
        #expect(clock.now - start < TimeBound.beforeTimeout(.seconds(30)))
    }

    @Test("one socket's registration re-arms for 1,000 successive waits")
    func successiveWaits() async throws {
        let socket = try boundUDP()
        defer { socket.close() }
        let address = try socket.localAddress()
        for round in 0..<1_000 {
            _ = try socket.send([UInt8(truncatingIfNeeded: round)], to: address)
            #expect(await socket.waitReadable(timeout: .seconds(30)) == .ready)
            guard case .processed(let datagram) = try socket.receive(maxBytes: 8) else {
                Issue.record("no datagram in round \(round)")
                return
            }
            #expect(datagram.bytes == [UInt8(truncatingIfNeeded: round)])
        }
    }

    @Test("an early deadline ends its wait while a later one on the same loop keeps waiting")
    func deadlinesInOrder() async throws {
        let early = try quietUDP()
        let late = try quietUDP()
        defer {
            early.close()
            late.close()
        }
        let lateWait = Task { await late.waitReadable(timeout: .seconds(60)) }
        #expect(await early.waitReadable(timeout: .milliseconds(200)) == .timedOut)
        // Expired together with the early deadline, it would end .timedOut instead.
        lateWait.cancel()
        #expect(await lateWait.value == .cancelled)
    }

    @Test("a descriptor number reused after close() is watched afresh")
    func reusedDescriptor() async throws {
        let first = try quietUDP()
        let number = first.fileDescriptor
        let pending = Task { await first.waitReadable(timeout: .seconds(30)) }
        first.close()
        #expect(await pending.value == .cancelled)
        let second = try boundUDP()
        defer { second.close() }
        // Not required by POSIX but what Linux does: the lowest free number, the one just released.
        if second.fileDescriptor == number {
            _ = try second.send([1], to: second.localAddress())
            #expect(await second.waitReadable(timeout: .seconds(30)) == .ready)
        }
        #expect(await second.waitWritable(timeout: .seconds(30)) == .ready)
    }
}
