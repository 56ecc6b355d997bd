import Foundation
import NetReadyPosix
import NetReadyTestSupport
import Synchronization
import Testing

@testable import NetReady

/// Where coturn's server is installed (Debian's `coturn` package).
enum Coturn {
    static let path = "/usr/bin/turnserver"
}

/// `turn:…?duration=` quality streams through a real coturn the test starts on 127.0.0.1 (relaying on loopback,
/// loopback peers allowed), on a port of its own: the stream, its figures and an interrupted stream.
@Suite(
    .timeLimit(.minutes(3)),
    .enabled(
        // Never skipped in CI (CI=true), where scripts/test installs coturn: there a missing turnserver fails the suite.
        if: FileManager.default.isExecutableFile(atPath: Coturn.path) || ProcessInfo.processInfo.environment["CI"] != nil,
        "coturn's turnserver is not installed (Tests/Lab/install-deps installs it)"))
struct TURNStreamLoopbackTests {
    static let secret = "loopback-secret"

    /// A coturn on loopback, stopped (and its files removed) by ``stop()``.
    struct Relay {
        let server: ChildProcess
        let port: UInt16
        let directory: URL

        static func start() async throws -> Relay {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-coturn-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let (server, port) = try await BoundPort.start([.udp, .tcp]) { port in
                ChildProcess(
                    Coturn.path,
                    [
                        "-n", "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port", "\(port)",
                        "--no-tls", "--no-dtls", "--lt-cred-mech", "--user", "probe:\(TURNStreamLoopbackTests.secret)",
                        "--realm", "loopback.test", "--allow-loopback-peers", "--no-multicast-peers", "--no-cli",
                        "--userdb", directory.appendingPathComponent("turndb-\(port)").path,
                        "--pidfile", directory.appendingPathComponent("turnserver-\(port).pid").path,
                        "--log-file", directory.appendingPathComponent("turnserver-\(port).log").path,
                        "--simple-log", "--no-stdout-log",
                    ])
            }
            return Relay(server: server, port: port, directory: directory)
        }

        func stop() {
            server.terminate()
            server.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// The plan of one probe, with the relay's credentials unless `credentials` is false.
    static func plan(
        _ uri: String, credentials: Bool = true, publicStreamInterval: Duration? = nil
    ) throws -> (Plan, RunOptions) {
        var files = try TargetLoader.load(arguments: [uri], profiles: [:], environment: [:])
        if credentials {
            files[0].targets[0].probes[0].username = "probe"
            files[0].targets[0].probes[0].credential = secret
        }
        var options = RunOptions()
        options.timeout = .seconds(1)
        options.samples = 1
        options.publicStreamInterval = publicStreamInterval
        return (Plan(files: files, options: options), options)
    }

    static func run(
        _ uri: String, credentials: Bool = true, publicStreamInterval: Duration? = nil
    ) async throws -> ProbeResult {
        let (plan, options) = try plan(uri, credentials: credentials, publicStreamInterval: publicStreamInterval)
        let results = await Runner(resolver: SystemHostResolver(), options: options).run(plan)
        return try #require(results.results.first)
    }

    /// Counts how often the stream asked whether the run stopped.
    final class Asked: Sendable {
        private let count = Mutex(0)

        func next() -> Int {
            count.withLock {
                $0 += 1
                return $0
            }
        }
    }

    static func media(_ result: ProbeResult) throws -> [String: Any] {
        let data = try JSONEncoder().encode(result.observations.media)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(object?["media"] as? [String: Any], "\(result.message)")
    }

    @Test(arguments: ["udp", "tcp"])
    func aStreamThroughTheRelayIsJudgedLikeEveryMediaStream(_ transport: String) async throws {
        let relay = try await Relay.start()
        defer { relay.stop() }
        let result = try await Self.run("turn:127.0.0.1:\(relay.port)?transport=\(transport)&duration=2s")
        #expect(result.status == .pass, "\(result.message)")
        #expect(result.message.hasPrefix("relayed stream via 127.0.0.1:"), "\(result.message)")
        #expect(result.message.contains(" over \(transport): MOS "), "\(result.message)")
        #expect(result.message.contains("allocation released"), "\(result.message)")
        let media = try Self.media(result)
        // 2 s less a drain of a tenth of it (200 ms), one packet per 20 ms.
        #expect(media["sent"] as? Int == 90)
        #expect(media["received"] as? Int == 90)
        #expect(media["lost"] as? Int == 0)
        #expect(media["codec"] as? String == "g711")
        #expect(media["bitrate_kbps"] as? Double == 80)
        #expect(media["incomplete"] == nil)
        // The keys of every media stream (`rtp://`, `stun:` streams).
        for key in [
            "loss_percent", "lost_bursts", "longest_burst", "reordered", "duplicates", "jitter_ms", "r_factor", "mos",
            "first_lost",
        ] {
            #expect(media[key] != nil, "\(key) missing: \(media)")
        }
        // The stream's round trips are the probe's latency, as for `rtp://`.
        #expect(result.latencyMs == result.observations.media?.quality.roundTrip)
        #expect(result.latencyMs?.samples == 90)
        #expect(result.observations.turn?.transport == transport)
    }

    @Test func aStoppedStreamReportsWhatItMeasuredMarkedIncomplete() async throws {
        let relay = try await Relay.start()
        defer { relay.stop() }
        let (plan, _) = try Self.plan("turn:127.0.0.1:\(relay.port)?duration=30s")
        let probe = plan.probes[0]
        let address = try SocketAddress(ip: "127.0.0.1", port: relay.port)
        // The run is stopped as the 51st packet falls due: a count, not a clock.
        let asked = Asked()
        let stream = TURNMediaStream(
            codec: "g711", payloadBytes: 172, cadence: VoiceCadence(duration: .seconds(30), drainLimit: .seconds(1)),
            stopped: { asked.next() > 50 })
        let attempt = TURNAttempt(
            probe: probe, address: address, tls: nil, source: nil, interface: nil, stream: stream)
        let outcome = await attempt.run()
        var result = ProbeResult(probe: probe)
        TURNVerdict(probe: probe, tls: nil, trustFiles: []).judge(outcome, address: address, into: &result)
        #expect(result.message.contains("(interrupted: 50 packets sent before the run stopped)"), "\(result.message)")
        #expect(result.message.contains("allocation released"), "\(result.message)")
        let media = try Self.media(result)
        #expect(media["incomplete"] as? Bool == true)
        #expect(media["sent"] as? Int == 50)
        #expect((media["received"] as? Int ?? 0) > 0, "\(media)")
    }

    @Test func aRunStoppedBeforeTheStreamKeepsTheRelayVerdict() async throws {
        let relay = try await Relay.start()
        defer { relay.stop() }
        let (plan, _) = try Self.plan("turn:127.0.0.1:\(relay.port)?duration=5s")
        let probe = plan.probes[0]
        let address = try SocketAddress(ip: "127.0.0.1", port: relay.port)
        let stream = TURNMediaStream(
            codec: "g711", payloadBytes: 172, cadence: VoiceCadence(duration: .seconds(5), drainLimit: .seconds(1)),
            stopped: { true })
        let attempt = TURNAttempt(
            probe: probe, address: address, tls: nil, source: nil, interface: nil, stream: stream)
        let outcome = await attempt.run()
        var result = ProbeResult(probe: probe)
        TURNVerdict(probe: probe, tls: nil, trustFiles: []).judge(outcome, address: address, into: &result)
        #expect(result.status == .pass, "\(result.message)")
        #expect(result.message.hasPrefix("relayed a round trip via 127.0.0.1:"), "\(result.message)")
        #expect(result.message.contains("quality stream not run: the run stopped before it started"))
        #expect(result.observations.media == nil)
    }

    @Test func serveStreamsThroughAPublicRelayOncePerInterval() async throws {
        let relay = try await Relay.start()
        defer { relay.stop() }
        // A host name counts as a public server (only IP literals in private space do not).
        let uri = "turn:localhost:\(relay.port)?duration=1s"
        let first = try await Self.run(uri, publicStreamInterval: .seconds(900))
        #expect(first.status == .pass, "\(first.message)")
        let second = try await Self.run(uri, publicStreamInterval: .seconds(900))
        #expect(second.message.contains("streams to a public server run at most once per 15m"), "\(second.message)")
        #expect(second.observations.media?.quality == first.observations.media?.quality)
        #expect(second.observations.turn?.relayed == first.observations.turn?.relayed)
        // `check` (no interval) always streams.
        let third = try await Self.run(uri)
        #expect(third.status == .pass, "\(third.message)")
        #expect(!third.message.contains("at most once per"), "\(third.message)")
    }

    @Test func withoutCredentialsTheStreamIsNotRunAndSaysWhy() async throws {
        let relay = try await Relay.start()
        defer { relay.stop() }
        let result = try await Self.run("turn:127.0.0.1:\(relay.port)?duration=2s", credentials: false)
        #expect(result.status == .pass, "\(result.message)")
        #expect(result.message.contains("credentials not given, relay not exercised"), "\(result.message)")
        #expect(result.message.contains("quality stream not run: it needs username and credential"))
        #expect(result.observations.media == nil)
    }
}
