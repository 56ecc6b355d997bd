import NetReadyPosix
import NetReadyTestSupport
import NetReadyWire
import Testing

@testable import NetReady

/// Hostile DNS servers on loopback (issue 20): answers whose names point into a loop, answers that only ever
/// carry the wrong transaction ID, answers cut inside a record. Each is `dns.protocol` within the timeout, with
/// no crash and no hang. (Garbage, other questions and wrong IDs beside a good answer: DNSResolverLoopbackTests.)
@Suite(.timeLimit(.minutes(3))) struct HostileDNSPeerTests {
    /// Tries of 2 s: these peers never send a good answer, so the lookup ends when the tries do.
    static let timeout: Duration = .seconds(4)

    static func lookup(_ responder: LoopbackDNSResponder) async -> (DNSLookup, Duration) {
        let settings = DNSSettings(servers: [responder.address], tryTimeout: .seconds(60), attempts: 2)
        let start = ContinuousClock.now
        let lookup = await DNSLookup.run(
            "host.test", type: .a, server: responder.address, settings: settings, timeout: timeout)
        return (lookup, .now - start)
    }

    /// The query's answer header and question, with ANCOUNT 1 and `record` appended as raw bytes.
    static func answer(_ query: DNSMessage, record: (_ offset: Int) -> [UInt8]) -> [UInt8] {
        var bytes = LoopbackDNSResponder.answer(query)
        bytes[7] = 1
        return bytes + record(bytes.count)
    }

    /// An A record (type 1, class IN, TTL 30, 4 bytes of data) after `name`.
    static func aRecord(name: [UInt8]) -> [UInt8] { name + [0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 10, 0, 0, 1] }

    @Test func aNameThatPointsAtItselfIsAProtocolError() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            [Self.answer(query) { offset in Self.aRecord(name: [0xC0 | UInt8(offset >> 8), UInt8(offset & 0xFF)]) }]
        }
        defer { responder.stop() }
        let (lookup, elapsed) = await Self.lookup(responder)
        #expect(lookup.failure?.reason == .dnsProtocol, "\(lookup.failure?.message ?? "no failure")")
        #expect(elapsed < TimeBound.notHung(after: Self.timeout))
    }

    @Test func twoPointersThatPointAtEachOtherAreAProtocolError() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            // Label "a", then a pointer back to that label: a -> a -> a ... without end.
            [Self.answer(query) { Self.aRecord(name: [1, 0x61, 0xC0 | UInt8($0 >> 8), UInt8($0 & 0xFF)]) }]
        }
        defer { responder.stop() }
        let (lookup, elapsed) = await Self.lookup(responder)
        #expect(lookup.failure?.reason == .dnsProtocol, "\(lookup.failure?.message ?? "no failure")")
        #expect(elapsed < TimeBound.notHung(after: Self.timeout))
    }

    @Test func onlyWrongTransactionIDsAreAProtocolError() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            (1...3).map { shift in
                LoopbackDNSResponder.answer(
                    query, records: [LoopbackDNSResponder.address(query, [10, 9, 9, 9])], id: query.header.id &+ shift)
            }
        }
        defer { responder.stop() }
        let (lookup, elapsed) = await Self.lookup(responder)
        #expect(lookup.failure?.reason == .dnsProtocol, "\(lookup.failure?.message ?? "no failure")")
        #expect(lookup.records.isEmpty)
        #expect(elapsed < TimeBound.notHung(after: Self.timeout))
    }

    @Test func anAnswerCutInsideItsRecordIsAProtocolError() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            [Array(Self.answer(query) { _ in Self.aRecord(name: [0xC0, 12]) }.dropLast(3))]
        }
        defer { responder.stop() }
        let (lookup, elapsed) = await Self.lookup(responder)
        #expect(lookup.failure?.reason == .dnsProtocol, "\(lookup.failure?.message ?? "no failure")")
        #expect(elapsed < TimeBound.notHung(after: Self.timeout))
    }
}
