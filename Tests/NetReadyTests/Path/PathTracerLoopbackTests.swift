import Foundation
import NetReadyPosix
import Testing

@testable import NetReady

/// The path tracer against real loopback peers: the destination is one hop away, so TTL 1 reaches it.
@Suite(.timeLimit(.minutes(3))) struct PathTracerLoopbackTests {
    let tracer: PathTracer = {
        var settings = PathTracer.Settings()
        // Every trace here is answered at hop 1, which ends it at once; the long timeout only keeps
        // a loaded machine's late wake-up (in-process echo server included) from reading as silence.
        settings.hopTimeout = .seconds(20)
        return PathTracer(settings: settings)
    }()

    @Test func listeningTCPPortIsReachedAtHopOne() async throws {
        let listener = try LoopbackListener()
        let trace = await tracer.trace(to: try SocketAddress(ip: "127.0.0.1", port: listener.port), transport: .tcp)
        #expect(trace.finding == .reached(hop: 1, address: "127.0.0.1", closedPort: false), "\(trace.text)")
        #expect(trace.hops.map(\.answer) == [.synAck])
        #expect(trace.hops.first?.roundTrip != nil)
    }

    @Test func refusedTCPPortIsResetByTheDestination() async throws {
        let port = try LoopbackListener.closedPort()
        let trace = await tracer.trace(to: try SocketAddress(ip: "127.0.0.1", port: port), transport: .tcp)
        #expect(trace.finding == .reset(hop: 1, address: "127.0.0.1"), "\(trace.text)")
        #expect(trace.finding.words == "reset by the destination (RST from 127.0.0.1 at hop 1)")
    }

    @Test func closedUDPPortAnswersWithPortUnreachableFromTheDestination() async throws {
        let port = try Self.closedUDPPort()
        let trace = await tracer.trace(to: try SocketAddress(ip: "::1", port: port), transport: .udp)
        #expect(trace.finding == .reached(hop: 1, address: "::1", closedPort: true), "\(trace.text)")
        let hop = try #require(trace.hops.first)
        #expect(hop.answer == .portUnreachable)
        #expect(hop.icmp?.type == 1 && hop.icmp?.code == 4, "ICMPv6 destination unreachable, port unreachable")
    }

    @Test func udpEchoIsReachedWithAReply() async throws {
        let echo = try Socket(family: .inet, type: .datagram)
        defer { echo.close() }
        try echo.bind(to: try SocketAddress(ip: "127.0.0.1", port: 0))
        let port = try echo.localAddress().port
        let server = Task {
            // Echoes what arrives until the test ends (a trace sends two probes for hop 1).
            while await echo.waitReadable(timeout: .seconds(5)) == .ready {
                while case .processed(let datagram)? = try? echo.receive(maxBytes: 2048) {
                    _ = try? echo.send(datagram.bytes, to: datagram.from)
                }
            }
        }
        defer { server.cancel() }
        let trace = await tracer.trace(to: try SocketAddress(ip: "127.0.0.1", port: port), transport: .udp)
        #expect(trace.finding == .reached(hop: 1, address: "127.0.0.1", closedPort: false), "\(trace.text)")
        #expect(trace.hops.map(\.answer) == [.reply])
    }

    @Test func jsonCarriesTheHopsAndTheFinding() async throws {
        let port = try LoopbackListener.closedPort()
        let trace = await tracer.trace(to: try SocketAddress(ip: "127.0.0.1", port: port), transport: .tcp)
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(trace))
        #expect(json["finding"] == "reset by the destination (RST from 127.0.0.1 at hop 1)")
        #expect(json["outcome"] == "reset")
        #expect(json["destination"] == .string("127.0.0.1:\(port)"))
        guard case .array(let hops)? = json["hops"], let hop = hops.first else {
            Issue.record("no hops in \(json)")
            return
        }
        #expect(hops.count == 1)
        #expect(hop["ttl"] == 1 && hop["address"] == "127.0.0.1" && hop["answer"] == "rst" && hop["icmp"] == .null)
        // A number (an RTT of whole milliseconds reads back as an integer).
        #expect(hop["rtt_ms"].map { if case .double = $0 { true } else { $0.intValue != nil } } == true)
        #expect(json["stops_after_hop"] == .null)
    }

    /// A UDP port nothing listens on: bound to learn a free number, then closed.
    static func closedUDPPort() throws -> UInt16 {
        let socket = try Socket(family: .inet6, type: .datagram)
        defer { socket.close() }
        try socket.bind(to: try SocketAddress(ip: "::1", port: 0))
        return try socket.localAddress().port
    }
}

/// `--trace-blocked` in a run: which results get a path, against real loopback peers.
@Suite(.timeLimit(.minutes(3))) struct BlockedPathTracingRunTests {
    func run(_ yaml: String, traceBlocked: Bool = true) async throws -> [ProbeResult] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nr-trace-\(UUID().uuidString).yaml")
        try Data(yaml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let files = try TargetLoader.load(arguments: [file.path], profiles: [:], environment: [:])
        var options = RunOptions()
        options.samples = 1
        options.timeout = .milliseconds(500)
        options.traceBlocked = traceBlocked
        return await Runner(resolver: SystemHostResolver(), options: options).run(Plan(files: files, options: options))
            .results
    }

    func yaml(port: UInt16, listening: UInt16) -> String {
        """
        name: trace
        targets:
          - name: required
            probes:
              - tcp://127.0.0.1:\(port)
              - tcp://127.0.0.1:\(listening)
          - name: optional
            required: false
            probes:
              - tcp://127.0.0.1:\(port)
          - name: must stay closed
            probes:
              - uri: tcp://127.0.0.1:\(port)
                expect: blocked
          - name: range
            probes:
              - tcp://127.0.0.1:\(listening)-\(listening)
        """
    }

    @Test func onlyFailedRequiredProbesAreTraced() async throws {
        let closed = try LoopbackListener.closedPort()
        let listener = try LoopbackListener()
        let results = try await run(yaml(port: closed, listening: listener.port))
        #expect(results.count == 5)
        let failed = results[0]
        #expect(failed.status == .fail && failed.reason == .tcpRefused)
        #expect(failed.details["path"]?["outcome"] == "reset", "\(failed.details)")
        #expect(
            failed.message.hasSuffix("; reset by the destination (RST from 127.0.0.1 at hop 1)"), "\(failed.message)")
        #expect(results[1].status == .pass && results[1].details["path"] == nil)
        #expect(results[2].status == .fail && results[2].details["path"] == nil, "optional probes are not traced")
        #expect(results[3].status == .pass && results[3].details["path"] == nil, "blocked as expected: not traced")
        #expect(results[4].status == .pass && results[4].details["path"] == nil)
    }

    @Test func noTraceBlockedLeavesDetailsWithoutAPath() async throws {
        let closed = try LoopbackListener.closedPort()
        let listener = try LoopbackListener()
        let results = try await run(yaml(port: closed, listening: listener.port), traceBlocked: false)
        #expect(results[0].status == .fail)
        #expect(results[0].details["path"] == nil)
        #expect(!results[0].message.contains("reset by the destination"))
    }

    @Test func aRangeTracesItsFirstBlockedPort() async throws {
        let closed = try LoopbackListener.closedPort()
        let results = try await run(
            """
            name: range
            targets:
              - name: range
                probes:
                  - tcp://127.0.0.1:\(closed)-\(closed + 1)
            """)
        let path = try #require(results.first?.details["path"])
        #expect(path["destination"] == .string("127.0.0.1:\(closed)"), "\(path)")
    }
}
