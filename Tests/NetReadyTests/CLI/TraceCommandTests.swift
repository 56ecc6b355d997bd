import Foundation
import Testing

/// `netready trace URI` as a user runs it: loopback peers, and a namespace where nothing answers.
@Suite struct TraceCommandTests {
    @Test func refusedLoopbackPortIsResetAtHopOneAndExitsOne() async throws {
        let port = try LoopbackListener.closedPort()
        let output = try await NetReadyBinary.run(["trace", "tcp://127.0.0.1:\(port)"])
        #expect(output.status == 1, "stderr: \(output.stderr)")
        #expect(output.stdout.contains(" 1  127.0.0.1  "), "\(output.stdout)")
        #expect(output.stdout.hasSuffix("reset by the destination (RST from 127.0.0.1 at hop 1)\n"))
    }

    @Test func listeningLoopbackPortIsReachedAndExitsZero() async throws {
        let listener = try LoopbackListener()
        let output = try await NetReadyBinary.run(["trace", "tcp://127.0.0.1:\(listener.port)", "--format", "json"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let path = try output.json()
        #expect(path["outcome"] as? String == "reached")
        #expect(path["destination"] as? String == "127.0.0.1:\(listener.port)")
    }

    @Test func silenceFromTheFirstHopOnSaysNoHopAnsweredWithinOneHopTimeout() async throws {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return
        }
        let namespace = try BlackholeNamespace()
        let start = ContinuousClock.now
        let output = try await NetReadyBinary.run(
            ["trace", "tcp://\(namespace.silentAddress(0)):443", "--hop-timeout", "500ms", "--format", "json"],
            prefix: namespace.execPrefix)
        let elapsed = ContinuousClock.now - start
        #expect(output.status == 1, "stderr: \(output.stderr)")
        let path = try output.json()
        #expect(path["outcome"] as? String == "no-answer")
        #expect((path["finding"] as? String)?.hasPrefix("no hop answered up to TTL 8") == true, "\(path)")
        #expect(path["stops_after_hop"] is NSNull)
        // TTL 1-8 probed together: one hop timeout, and no second wave after eight silent hops.
        #expect(elapsed < .milliseconds(1500), "took \(elapsed)")
    }

    @Test func rejectsARangeAndOtherSchemes() async throws {
        for uri in ["tcp://127.0.0.1:80-81", "https://127.0.0.1/"] {
            let output = try await NetReadyBinary.run(["trace", uri])
            #expect(output.status == 2, "\(uri): \(output.stderr)")
        }
    }
}
