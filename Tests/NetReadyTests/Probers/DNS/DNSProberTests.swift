import Foundation
import NetReadyPosix
import NetReadyWire
import Testing

@testable import NetReady

/// The `dns:` prober against scripted resolvers on 127.0.0.1: agreement, disagreement, partial failure, sinkholes.
@Suite(.timeLimit(.minutes(3))) struct DNSProberTests {
    /// A responder that answers every A query with `address`.
    static func answering(_ address: [UInt8]) throws -> LoopbackDNSResponder {
        try LoopbackDNSResponder { query, _ in
            [LoopbackDNSResponder.answer(query, records: [LoopbackDNSResponder.address(query, address)])]
        }
    }

    func run(_ uri: String, servers: [LoopbackDNSResponder], sinkholes: [String] = []) async throws -> ProbeResult {
        var files = try TargetLoader.load(arguments: [uri], profiles: [:], environment: [:])
        files[0].sinkholes = sinkholes
        var options = RunOptions()
        options.samples = 2
        options.timeout = .seconds(1)
        options.sampleInterval = .milliseconds(5)
        options.dns = DNSSettings(servers: servers.map(\.address), attempts: 1)
        let plan = Plan(files: files, options: options)
        let results = await Runner(resolver: DNSHostResolver(settings: options.dns!), options: options).run(plan)
        return try #require(results.results.first)
    }

    @Test func agreeingResolversPassWithAnInformativeMessage() async throws {
        let first = try Self.answering([10, 1, 1, 1])
        let second = try Self.answering([10, 1, 1, 1])
        defer { first.stop(); second.stop() }
        let result = try await run("dns:svc.test", servers: [first, second])
        #expect(result.status == .pass)
        #expect(result.reason == nil)
        #expect(result.message.hasPrefix("127.0.0.1:\(first.address.port): 10.1.1.1 (A, TTL 30) in "))
        #expect(result.latencyMs?.samples == 4)
        #expect(result.attempts.count == 4)
        #expect(first.queries == 2 && second.queries == 2)
        guard case .array(let resolvers)? = result.details["resolvers"] else {
            Issue.record("no details.resolvers")
            return
        }
        #expect(resolvers.count == 2)
    }

    @Test func disagreeingResolversWarn() async throws {
        let inside = try Self.answering([10, 1, 1, 1])
        let outside = try Self.answering([192, 0, 2, 1])
        defer { inside.stop(); outside.stop() }
        let result = try await run("dns:svc.test", servers: [inside, outside])
        #expect(result.status == .warn)
        #expect(result.reason == nil)
        #expect(result.message.hasPrefix("resolvers disagree: "))
        #expect(result.message.contains("10.1.1.1") && result.message.contains("192.0.2.1"))
    }

    @Test func oneSilentResolverWarnsWithItsReasonAndAllSilentFails() async throws {
        let good = try Self.answering([10, 1, 1, 1])
        let silent = try LoopbackDNSResponder { _, _ in [] }
        defer { good.stop(); silent.stop() }
        let partial = try await run("dns:svc.test", servers: [good, silent])
        #expect(partial.status == .warn)
        #expect(partial.reason == .dnsTimeout)
        let none = try await run("dns:svc.test", servers: [silent])
        #expect(none.status == .fail)
        #expect(none.reason == .dnsTimeout)
        #expect(none.latencyMs == nil)
    }

    @Test func aBlockPageListedInTheFileIsASinkhole() async throws {
        let filtering = try Self.answering([10, 66, 0, 1])
        defer { filtering.stop() }
        let result = try await run("dns:blocked.test", servers: [filtering], sinkholes: ["10.66.0.1"])
        #expect(result.status == .fail)
        #expect(result.reason == .dnsSinkhole)
        let loopback = try Self.answering([127, 0, 0, 1])
        defer { loopback.stop() }
        #expect(try await run("dns:blocked.test", servers: [loopback]).reason == .dnsSinkhole)
    }
}
