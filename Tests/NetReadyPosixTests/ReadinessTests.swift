import Glibc
import NetReadyTestSupport
import Testing

@testable import NetReadyPosix

@Suite("Readiness", .timeLimit(.minutes(3)))
struct ReadinessTests {
    private func boundUDP() throws -> Socket { try .boundLoopbackUDP() }
    private func quietUDP() throws -> Socket { try .quietLoopbackUDP() }

    @Test("1,000 concurrent waits time out after 1 s, together")
    func thousandTimeouts() async throws {
        ResourceLimits.raiseOpenFileLimit()
        let sockets = try (0..<1_000).map { _ in try quietUDP() }
        defer { sockets.forEach { $0.close() } }
        let clock = ContinuousClock()
        let start = clock.now
        let results = await withTaskGroup(of: ReadinessResult.self) { group in
            for socket in sockets {
                group.addTask { await socket.waitReadable(timeout: .seconds(1)) }
            }
            var results: [ReadinessResult] = []
            for await result in group {
                results.append(result)
            }
            return results
        }
        let elapsed = clock.now - start
        #expect(results.count == 1_000)
        #expect(results.allSatisfy { $0 == .timedOut }, "\(Set(results.map { "\($0)" }))")
        #expect(elapsed >= .milliseconds(990))
        // Concurrent, not serial (which would take 1,000 s); margin for a loaded 2-core machine.
        #expect(elapsed < TimeBound.notHung(after: .seconds(1)), "took \(elapsed)")
    }

    @Test("a datagram makes the socket readable; a fresh UDP socket is writable")
    func ready() async throws {
        let socket = try boundUDP()
        defer { socket.close() }
        #expect(await socket.waitWritable(timeout: .seconds(1)) == .ready)
        _ = try socket.send([1, 2, 3], to: socket.localAddress())
        #expect(await socket.waitReadable(timeout: .seconds(1)) == .ready)
        guard case .processed(let datagram) = try socket.receive(maxBytes: 64) else {
            Issue.record("no datagram after readiness")
            return
        }
        #expect(datagram.bytes == [1, 2, 3])
        #expect(datagram.from == (try socket.localAddress()))
    }

    @Test("cancelling the task ends the wait with .cancelled")
    func cancellation() async throws {
        let socket = try boundUDP()
        defer { socket.close() }
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { await socket.waitReadable(timeout: .seconds(30)) }
        // Not synchronisation: cancelled before or during its wait, the task must end .cancelled
        // either way (cancelledBeforeWait covers the first); the pause makes "during" the usual case.
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        #expect(await task.value == .cancelled)
        #expect(clock.now - start < TimeBound.beforeTimeout(.seconds(30)))
    }

    @Test("a task cancelled before it waits returns .cancelled at once")
    func cancelledBeforeWait() async throws {
        let socket = try boundUDP()
        defer { socket.close() }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await socket.waitReadable(timeout: .seconds(30))
        }
        #expect(await task.value == .cancelled)
    }

    @Test("close() during a wait cancels it and then closes the descriptor")
    func closeDuringWait() async throws {
        let socket = try boundUDP()
        let task = Task { await socket.waitReadable(timeout: .seconds(30)) }
        // Not synchronisation: closed before or during the wait, the wait ends .cancelled either way.
        try await Task.sleep(for: .milliseconds(50))
        socket.close()
        #expect(await task.value == .cancelled)
        #expect(await socket.waitReadable(timeout: .seconds(1)) == .cancelled)
    }

    @Test("event, deadline and cancellation racing resume exactly once", arguments: [0, 1, 2])
    func races(round: Int) async throws {
        // A readable socket, a zero timeout and an immediate cancel all race; a double resume would trap.
        let socket = try boundUDP()
        defer { socket.close() }
        _ = try socket.send([0], to: socket.localAddress())
        let results = await withTaskGroup(of: ReadinessResult.self) { group in
            for index in 0..<300 {
                group.addTask {
                    if index % 3 == round {
                        withUnsafeCurrentTask { $0?.cancel() }
                    }
                    return await socket.waitReadable(timeout: .nanoseconds(index % 2))
                }
            }
            group.cancelAll()
            var results: [ReadinessResult] = []
            for await result in group {
                results.append(result)
            }
            return results
        }
        #expect(results.count == 300)
    }
}
