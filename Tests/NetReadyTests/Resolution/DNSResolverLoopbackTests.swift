import NetReadyPosix
import NetReadyWire
import Testing

@testable import NetReady

/// The resolver against a scripted responder on 127.0.0.1: matching, retries and the dns.* verdicts.
@Suite(.timeLimit(.minutes(3))) struct DNSResolverLoopbackTests {
    static func settings(_ responder: LoopbackDNSResponder, attempts: Int = 2) -> DNSSettings {
        DNSSettings(servers: [responder.address], tryTimeout: .seconds(60), attempts: attempts)
    }

    static func lookup(
        _ responder: LoopbackDNSResponder, name: String = "host.test", type: DNSRecordType = .a,
        attempts: Int = 2, timeout: Duration = .seconds(30)
    ) async -> DNSLookup {
        // 30 s, so tries of 15 s: an answer ends the lookup at once, and a peer on a loaded machine
        // (1.5 s tries timed out at a load of 15) still answers within its try.
        await DNSLookup.run(
            name, type: type, server: responder.address,
            settings: settings(responder, attempts: attempts), timeout: timeout)
    }

    @Test func wrongIDIsIgnoredAndTheRightAnswerTaken() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            [
                LoopbackDNSResponder.answer(
                    query, records: [LoopbackDNSResponder.address(query, [10, 9, 9, 9])],
                    id: query.header.id &+ 1),
                LoopbackDNSResponder.answer(query, records: [LoopbackDNSResponder.address(query, [10, 1, 2, 3])]),
            ]
        }
        defer { responder.stop() }
        // A 15 s first try: no load outlasts it, so one query means it got the answer.
        let lookup = await Self.lookup(responder)
        #expect(lookup.failure == nil)
        #expect(lookup.answers == ["10.1.2.3"])
        #expect(lookup.ttl == 30)
        #expect(responder.queries == 1, "the first try got the answer")
    }

    @Test func answerToAnotherQuestionIsIgnored() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            var other = query
            other.questions = [DNSQuestion(name: "elsewhere.test", type: .a)]
            return [
                LoopbackDNSResponder.answer(
                    other, records: [LoopbackDNSResponder.address(other, [10, 6, 6, 6])],
                    id: query.header.id)
            ]
        }
        defer { responder.stop() }
        let lookup = await Self.lookup(responder)
        #expect(lookup.failure?.reason == .dnsProtocol)
        #expect(lookup.failure?.message.contains("another question") == true)
    }

    @Test func garbageOnlyIsAProtocolFailure() async throws {
        let responder = try LoopbackDNSResponder { _, _ in [[0xde, 0xad, 0xbe, 0xef, 0x00]] }
        defer { responder.stop() }
        let lookup = await Self.lookup(responder)
        #expect(lookup.failure?.reason == .dnsProtocol)
        #expect(lookup.responseCode == nil)
    }

    @Test func silenceIsATimeoutAfterEveryTryWithinTheTimeout() async throws {
        let responder = try LoopbackDNSResponder { _, _ in [] }
        defer { responder.stop() }
        let clock = ContinuousClock()
        let start = clock.now
        let lookup = await Self.lookup(responder, attempts: 3, timeout: .milliseconds(300))
        let elapsed = clock.now - start
        #expect(lookup.failure?.reason == .dnsTimeout)
        #expect(await settledCount(atLeast: 3) { responder.queries } == 3)
        // Three tries of 100 ms: the probe's timeout, not the settings' 60 s per try (180 s in all), bounds
        // the wait. The upper bound sits between the two, with room for a loaded machine (10 s were seen).
        #expect(elapsed >= .milliseconds(290) && elapsed < .seconds(60), "took \(elapsed)")
    }

    @Test func aDroppedQueryIsRetried() async throws {
        let responder = try LoopbackDNSResponder { query, index in
            let record = LoopbackDNSResponder.address(query, [10, 0, 0, 7])
            return index == 0 ? [] : [LoopbackDNSResponder.answer(query, records: [record])]
        }
        defer { responder.stop() }
        let lookup = await Self.lookup(responder, timeout: .milliseconds(800))
        #expect(lookup.answers == ["10.0.0.7"])
        #expect(responder.queries == 2)
        #expect(lookup.elapsed >= .milliseconds(390), "the answer came after the first 400 ms try")
    }

    @Test(arguments: [
        (DNSResponseCode.nameError, Reason.dnsNXDomain), (.serverFailure, .dnsServFail),
        (.refused, .dnsRefused), (.notImplemented, .dnsServFail),
    ])
    func responseCodesNameTheirReason(_ code: DNSResponseCode, _ reason: Reason) async throws {
        let responder = try LoopbackDNSResponder { query, _ in [LoopbackDNSResponder.answer(query, code: code)] }
        defer { responder.stop() }
        let resolution = await DNSHostResolver(settings: Self.settings(responder)).resolve(
            host: "host.test", family: .inet, port: 443, timeout: .seconds(30), sinkholes: [])
        #expect(resolution.failure?.reason == reason)
        #expect(resolution.addresses.isEmpty)
    }

    @Test func aCNAMEThatTheAnswerLeavesOpenIsAskedAgain() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            let name = query.questions[0].name
            if name == "alias.test" {
                return [
                    LoopbackDNSResponder.answer(
                        query,
                        records: [
                            DNSRecord(name: name, type: .cname, ttl: 20, data: .cname("target.test"))
                        ])
                ]
            }
            return [LoopbackDNSResponder.answer(query, records: [LoopbackDNSResponder.address(query, [10, 4, 4, 4])])]
        }
        defer { responder.stop() }
        let lookup = await Self.lookup(responder, name: "alias.test")
        #expect(lookup.chain == ["target.test"])
        #expect(lookup.answers == ["10.4.4.4"])
        #expect(lookup.ttl == 20)
    }

    @Test func sinkholeAnswersAndFileListedBlockPagesFail() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            [LoopbackDNSResponder.answer(query, records: [LoopbackDNSResponder.address(query, [10, 66, 0, 1])])]
        }
        defer { responder.stop() }
        let resolver = DNSHostResolver(settings: Self.settings(responder))
        let listed = await resolver.resolve(
            host: "blocked.test", family: .inet, port: 80, timeout: .seconds(30),
            sinkholes: ["10.66.0.1"])
        #expect(listed.failure?.reason == .dnsSinkhole)
        let clean = await resolver.resolve(
            host: "blocked.test", family: .inet, port: 80, timeout: .seconds(30),
            sinkholes: [])
        #expect(clean.failure == nil)
        #expect(clean.addresses.map(\.description) == ["10.66.0.1:80"])
    }

    @Test func literalsAndLocalhostNeverSendAQuery() async throws {
        let responder = try LoopbackDNSResponder { _, _ in [] }
        defer { responder.stop() }
        let resolver = DNSHostResolver(settings: Self.settings(responder))
        let literal = await resolver.resolve(
            host: "192.0.2.7", family: nil, port: 9, timeout: .seconds(1), sinkholes: [])
        #expect(literal.addresses.map(\.ip) == ["192.0.2.7"])
        let local = await resolver.resolve(host: "localhost", family: nil, port: 9, timeout: .seconds(1), sinkholes: [])
        #expect(local.failure == nil)
        #expect(Set(local.addresses.map(\.ip)) == ["127.0.0.1", "::1"])
        #expect(responder.queries == 0)
    }
}

/// Resolver settings: endpoints, precedence and the search list.
@Suite(.timeLimit(.minutes(3))) struct DNSSettingsTests {
    @Test func endpointsParseWithAndWithoutPorts() throws {
        #expect(try DNSSettings.parseEndpoint("192.0.2.53").description == "192.0.2.53:53")
        #expect(try DNSSettings.parseEndpoint("192.0.2.53:5353").description == "192.0.2.53:5353")
        #expect(try DNSSettings.parseEndpoint("[2001:db8::53]:5353").description == "[2001:db8::53]:5353")
        #expect(try DNSSettings.parseEndpoint("2001:db8::53").description == "[2001:db8::53]:53")
        #expect(throws: InvalidAddressError.self) { try DNSSettings.parseEndpoint("resolver.example") }
        #expect(throws: InvalidAddressError.self) { try DNSSettings.parseEndpoint("192.0.2.53:0") }
    }

    @Test func explicitResolversReplaceResolvConfButKeepItsOptions() throws {
        let conf = ResolvConf(
            parsing: "nameserver 192.0.2.1\nsearch corp.example\noptions ndots:2 timeout:1 attempts:3\n")
        let settings = try DNSSettings.load(explicit: ["192.0.2.9:5353"], resolvConf: conf)
        #expect(settings.servers.map(\.description) == ["192.0.2.9:5353"])
        #expect(settings.search == ["corp.example"] && settings.ndots == 2 && settings.attempts == 3)
        #expect(settings.tryTimeout == .seconds(1))
        #expect(try DNSSettings.load(explicit: [], resolvConf: conf).servers.map(\.ip) == ["192.0.2.1"])
        #expect(try DNSSettings.load(explicit: [], resolvConf: nil).servers.map(\.description) == ["127.0.0.1:53"])
    }

    @Test func searchListFollowsNdots() throws {
        let settings = DNSSettings(servers: [], search: ["corp.example"], ndots: 2)
        let resolver = DNSHostResolver(settings: settings)
        #expect(resolver.candidates(for: "crm") == ["crm.corp.example", "crm"])
        #expect(resolver.candidates(for: "a.b.c") == ["a.b.c", "a.b.c.corp.example"])
        #expect(resolver.candidates(for: "crm.") == ["crm"])
    }
}
