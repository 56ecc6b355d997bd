import Foundation
import Testing

@testable import NetReady

/// The TCP prober against real loopback sockets.
@Suite(.timeLimit(.minutes(3))) struct TCPProberTests {
    func run(_ uris: [String], samples: Int = 3, timeout: Duration = .seconds(1)) async throws -> [ProbeResult] {
        let files = try TargetLoader.load(arguments: uris, profiles: [:], environment: [:])
        var options = RunOptions()
        options.samples = samples
        options.timeout = timeout
        options.sampleInterval = .milliseconds(10)
        let plan = Plan(files: files, options: options)
        return await Runner(resolver: SystemHostResolver(), options: options).run(plan).results
    }

    @Test func listeningPortPassesWithLatency() async throws {
        let listener = try LoopbackListener()
        let result = try #require(try await run(["tcp://127.0.0.1:\(listener.port)"], timeout: .seconds(30)).first)
        #expect(result.status == .pass)
        #expect(result.reason == nil)
        #expect(result.attempts.count == 3)
        #expect(result.attempts.allSatisfy { $0.outcome == "open" })
        let latency = try #require(result.latencyMs)
        #expect(latency.samples == 3)
        #expect(latency.min <= latency.p50 && latency.p50 <= latency.max)
        // In ms, and of a connect that happened within its 30 s timeout (a loaded machine's late
        // wake-up counts in: 1.2 s were seen with a 1 s timeout).
        #expect(latency.max < 30_000)
    }

    @Test func ipv6LoopbackPasses() async throws {
        let listener = try LoopbackListener(ipv6: true)
        let result = try #require(try await run(["tcp://[::1]:\(listener.port)"]).first)
        #expect(result.status == .pass)
        #expect(result.address == "[::1]:\(listener.port)")
    }

    @Test func closedPortIsRefused() async throws {
        let port = try LoopbackListener.closedPort()
        let result = try #require(try await run(["tcp://127.0.0.1:\(port)"]).first)
        #expect(result.status == .fail)
        #expect(result.reason == .tcpRefused)
        #expect(result.attempts.allSatisfy { $0.outcome == "refused" })
    }

    @Test func localhostNameResolvesAndRecordsTheLookup() async throws {
        let listener = try LoopbackListener()
        let result = try #require(try await run(["tcp://localhost:\(listener.port)"], samples: 1).first)
        #expect(result.details["dns"]?["via"] == "getaddrinfo")
        // localhost may resolve to ::1 as well, where nothing listens: open on one address is
        // at least a warning, never a failure.
        #expect(result.status == .pass || result.status == .warn, "\(result.status): \(result.message)")
    }

    @Test func portRangeIsSummarisedPerState() async throws {
        // Listening, refused, listening on three consecutive ports the test holds: each port's state is known.
        let ports = try LoopbackListener.openClosedOpen()
        let (low, closed, high) = (ports[0].port, ports[1].port, ports[2].port)
        let result = try #require(try await run(["tcp://127.0.0.1:\(low)-\(high)"]).first)
        let counts = try #require(result.details["counts"])
        #expect(counts["open"]?.intValue == 2)
        #expect(counts["refused"]?.intValue == 1)
        let total = ["open", "refused", "timeout", "prohibited", "unreachable"].compactMap { counts[$0]?.intValue }
            .reduce(0, +)
        #expect(total == 3)
        #expect(result.details["ports"]?["refused"]?.stringValue == "\(closed)")
        #expect(result.details["ports"]?["open"]?.stringValue == "\(low),\(high)")
        withExtendedLifetime(ports) {}
    }

    @Test func expectBlockedOnAClosedPortPasses() async throws {
        let port = try LoopbackListener.closedPort()
        let yaml = """
            name: closed
            targets:
              - name: Telnet must stay closed
                probes:
                  - uri: tcp://127.0.0.1:\(port)
                    expect: blocked
            """
        let file = try TargetLoader.parse(yaml: yaml, path: "closed.yaml", environment: [:])
        var options = RunOptions()
        options.samples = 1
        let results = await Runner(resolver: SystemHostResolver(), options: options).run(
            Plan(files: [file], options: options)
        ).results
        #expect(results[0].status == .pass)
        #expect(results[0].details["observed_reason"] == "tcp.refused")
    }
}
