import Foundation
import NetReadyPosix
import NetReadyTestSupport
import NetReadyWire
import Synchronization
import Testing

@testable import NetReady

/// `stun:…?duration=` quality streams against real STUN servers on loopback: `netready responder`, and scripted
/// servers that rate-limit by going silent or by refusing.
@Suite(.timeLimit(.minutes(3))) struct STUNStreamTests {
    func run(
        _ uri: String, stop: StopSignal = StopSignal(), publicStreamInterval: Duration? = nil
    ) async throws -> ProbeResult {
        let files = try TargetLoader.load(arguments: [uri], profiles: [:], environment: [:])
        var options = RunOptions()
        options.publicStreamInterval = publicStreamInterval
        options.timeout = .seconds(1)
        options.gracePeriod = .seconds(2)
        let plan = Plan(files: files, options: options)
        return try #require(await Runner(resolver: SystemHostResolver(), options: options).run(plan, stop: stop)
            .results.first)
    }

    func media(_ result: ProbeResult) throws -> [String: Any] {
        let data = try JSONEncoder().encode(result.observations.media)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(object?["media"] as? [String: Any])
    }

    /// A server answering every request, like the responder's STUN, except what `refuse` says.
    static func server(answer: @escaping @Sendable (Int) -> Bool?) throws -> LoopbackSTUNServer {
        try LoopbackSTUNServer { request, from, index in
            switch answer(index) {
            case true?: return [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))]
            case false?:
                return [
                    .init(
                        bytes: STUNMessage(
                            type: 0x0111, transactionID: request.transactionID,
                            attributes: [.errorCode(STUNErrorCode(code: 429, reason: "Too Many Requests"))]
                        ).encoded())
                ]
            case nil: return []
            }
        }
    }

    @Test func aCleanStreamLosesNothingAndScoresWell() async throws {
        let server = try Self.server { _ in true }
        defer { server.stop() }
        let result = try await run("stun:127.0.0.1:\(server.address.port)?duration=2s")
        #expect(result.status == .pass, "\(result.message)")
        let media = try media(result)
        // 2 s less a drain of a tenth of it (200 ms), one request per 20 ms: never past the duration.
        #expect(media["sent"] as? Int == 90)
        #expect(server.requests == 90)
        #expect(media["lost"] as? Int == 0)
        #expect(media["codec"] as? String == "g711")
        #expect((media["mos"] as? Double ?? 0) > 4.0)
        #expect(result.latencyMs?.samples == 90)
        #expect(result.message.hasPrefix("MOS "))
    }

    @Test func requestsArePaddedToTheCodecsPacketSize() async throws {
        let sizes = Mutex<[Int]>([])
        let server = try LoopbackSTUNServer { request, from, _ in
            sizes.withLock { $0.append(request.encoded().count) }
            return [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))]
        }
        defer { server.stop() }
        _ = try await run("stun:127.0.0.1:\(server.address.port)?duration=1s")
        _ = try await run("stun:127.0.0.1:\(server.address.port)?duration=1s&codec=opus")
        // G.711's RTP packet is 172 bytes, the Opus-like one 72: the first 45 requests, then the next 45.
        let seen = sizes.withLock { $0 }
        #expect(seen.count == 90)
        #expect(Set(seen.prefix(45)) == [172])
        #expect(Set(seen.suffix(45)) == [72])
    }

    @Test func aServerThatGoesSilentIsRateLimitingNotLoss() async throws {
        let server = try Self.server { $0 < 30 ? true : nil }
        defer { server.stop() }
        let result = try await run("stun:127.0.0.1:\(server.address.port)?duration=3s")
        #expect(result.status == .warn, "\(result.message)")
        #expect(result.reason == .stunRateLimit)
        #expect(result.message.contains("stopped answering after request 30 (30 answered)"), "\(result.message)")
        let media = try media(result)
        #expect(media["lost"] as? Int == 0)
        #expect(media["sent"] as? Int == 30)
        #expect(media["unanswered_after_stop"] as? Int == 135 - 30)
    }

    @Test func errorResponsesAreRateLimiting() async throws {
        let server = try Self.server { $0 < 20 }
        defer { server.stop() }
        let result = try await run("stun:127.0.0.1:\(server.address.port)?duration=2s")
        #expect(result.reason == .stunRateLimit, "\(result.message)")
        #expect(result.message.contains("error 429"), "\(result.message)")
        let media = try media(result)
        #expect(media["error_responses"] as? Int == 70)
        #expect(media["lost"] as? Int == 0)
    }

    @Test func pathLossMidStreamIsLossNotRateLimiting() async throws {
        // Every 10th request unanswered, through to the end: the server never stops, the path loses 10 %.
        let server = try Self.server { $0 % 10 == 9 ? nil : true }
        defer { server.stop() }
        let result = try await run("stun:127.0.0.1:\(server.address.port)?duration=2s")
        #expect(result.reason == .mediaLoss, "\(result.message)")
        #expect(try media(result)["lost"] as? Int == 9)
    }

    @Test func nothingAnsweringIsAStunTimeout() async throws {
        let server = try Self.server { _ in nil }
        defer { server.stop() }
        let result = try await run("stun:127.0.0.1:\(server.address.port)?duration=1s")
        #expect(result.status == .fail)
        #expect(result.reason == .stunTimeout, "\(result.message)")
    }

    @Test func aStoppedRunReportsWhatTheStreamMeasuredMarkedIncomplete() async throws {
        let server = try Self.server { _ in true }
        defer { server.stop() }
        let stop = StopSignal()
        let stopper = Task {
            // Stopped once the stream is under way: the server's own count is the readiness signal.
            while server.requests < 25 { try await Task.sleep(for: .milliseconds(10)) }
            stop.trigger("interrupted by SIGINT")
        }
        let result = try await run("stun:127.0.0.1:\(server.address.port)?duration=30s", stop: stop)
        stopper.cancel()
        #expect(result.status == .pass, "\(result.message)")
        #expect(result.message.contains("interrupted"), "\(result.message)")
        let media = try media(result)
        #expect(media["incomplete"] as? Bool == true)
        let sent = try #require(media["sent"] as? Int)
        #expect(sent >= 25 && sent < 1350, "\(sent)")
    }

    @Test func serveStreamsToAPublicServerOncePerInterval() async throws {
        let server = try Self.server { _ in true }
        defer { server.stop() }
        // A host name counts as a public server (only IP literals in private space do not).
        let uri = "stun:localhost:\(server.address.port)?duration=1s"
        let first = try await run(uri, publicStreamInterval: .seconds(900))
        #expect(first.status == .pass, "\(first.message)")
        let requests = server.requests
        let second = try await run(uri, publicStreamInterval: .seconds(900))
        #expect(server.requests == requests, "the second run streamed again")
        #expect(second.message.contains("streams to a public server run at most once per 15m"), "\(second.message)")
        #expect(second.observations.media?.quality == first.observations.media?.quality)
        // `check` (no interval) always streams.
        _ = try await run(uri)
        #expect(server.requests > requests)
    }
}
