import Testing

@testable import NetReady

/// Observations into the report's egress section: counts, methods, stability, notes.
@Suite(.timeLimit(.minutes(3))) struct EgressSummarizerTests {
    static func seen(
        _ ip: String, _ via: String = "http", _ transport: String = "tcp", times: Int = 1
    )
        -> [EgressObservation]
    {
        Array(repeating: EgressObservation(ip: ip, via: via, transport: transport), count: times)
    }

    @Test func aRotatingPoolIsUnstableWithANoteSayingWhatBreaks() {
        let observations =
            Self.seen("198.18.0.12", times: 3) + Self.seen("198.18.0.11", times: 4) + Self.seen("198.18.0.13", times: 3)
        let info = EgressSummarizer.summarize(observations)
        #expect(info.addresses.map(\.ip) == ["198.18.0.11", "198.18.0.12", "198.18.0.13"])
        #expect(info.addresses.map(\.count) == [4, 3, 3])
        #expect(info.addresses.allSatisfy { $0.family == "ipv4" && $0.via == ["http"] })
        #expect(info.stable == false)
        let note = try? #require(info.notes.first)
        #expect(note?.hasPrefix("NAT pool rotates: 3 egress addresses seen over 10 connections") == true)
        #expect(note?.contains("session IP locking") == true && note?.contains("allow-listed") == true)
    }

    @Test func oneAddressIsStableAndNothingLearnedIsUnknown() {
        let info = EgressSummarizer.summarize(Self.seen("198.18.0.11", "dns", "udp", times: 5))
        #expect(info.stable == true)
        #expect(info.notes.isEmpty)
        #expect(info.byProtocol?["udp"]?.first?.count == 5)
        #expect(info.byProtocol?["tcp"] == nil)
        #expect(EgressSummarizer.summarize([]).stable == nil)
    }

    @Test func methodsAndTransportsAreMergedPerAddress() {
        let info = EgressSummarizer.summarize(
            Self.seen("198.18.0.11", "http", "tcp", times: 2) + Self.seen("198.18.0.11", "stun", "udp")
                + Self.seen("198.18.0.11", "dns", "udp"))
        #expect(info.addresses.count == 1)
        #expect(info.addresses[0].count == 4)
        #expect(info.addresses[0].via == ["dns", "http", "stun"])
        #expect(info.byProtocol?["tcp"]?.first?.count == 2)
        #expect(info.byProtocol?["udp"]?.first?.via == ["dns", "stun"])
    }

    @Test func stabilityIsJudgedOnIPv4WhenThereIsAny() {
        let info = EgressSummarizer.summarize(
            Self.seen("198.18.0.11", times: 3) + Self.seen("2001:db8::1") + Self.seen("2001:db8::2"))
        #expect(info.stable == true)
        #expect(info.addresses.map(\.ip) == ["198.18.0.11", "2001:db8::1", "2001:db8::2"])
        let onlyIPv6 = EgressSummarizer.summarize(Self.seen("2001:db8::1") + Self.seen("2001:db8::2"))
        #expect(onlyIPv6.stable == false)
    }

    @Test func resolverAddressesAreKeptApart() {
        let resolver = EgressObservation(ip: "198.18.0.53", via: "dns", transport: "udp", isResolverAddress: true)
        let info = EgressSummarizer.summarize(Self.seen("198.18.0.11") + [resolver, resolver])
        #expect(info.addresses.map(\.ip) == ["198.18.0.11"])
        #expect(info.stable == true)
        #expect(info.resolverAddresses?.map(\.ip) == ["198.18.0.53"])
        #expect(info.resolverAddresses?.first?.via == ["dns (resolver address)"])
        #expect(info.notes.contains { $0.hasPrefix("198.18.0.53: the address a DNS resolver's own queries") })
        let onlyResolver = EgressSummarizer.summarize([resolver])
        #expect(onlyResolver.addresses.isEmpty && onlyResolver.stable == nil)
    }

    @Test func disjointTCPAndUDPAddressesGetANote() {
        let info = EgressSummarizer.summarize(
            Self.seen("198.18.0.11", "http", "tcp") + Self.seen("198.18.0.99", "stun", "udp"))
        #expect(info.notes.contains { $0.hasPrefix("TCP leaves from 198.18.0.11 but UDP from 198.18.0.99") })
    }

    @Test func serversThatTaughtNothingAreNamed() {
        let servers = [
            EgressServerSummary(
                uri: "http://a/ip", via: "http", transport: "tcp", family: "ipv4", connections: 10, learned: 0,
                error: "HTTP 404"),
            EgressServerSummary(
                uri: "http://b/ip", via: "http", transport: "tcp", family: "ipv4", connections: 10, learned: 7,
                error: "timed out"),
            EgressServerSummary(
                uri: "stun:c", via: "stun", transport: "", family: nil, connections: 0, learned: 0,
                error: "not in this build"),
        ]
        let info = EgressSummarizer.summarize(Self.seen("198.18.0.11", times: 7), servers: servers)
        #expect(info.notes.contains("no address learned from http://a/ip over ipv4 (10 of 10 connections): HTTP 404"))
        #expect(info.notes.contains("http://b/ip over ipv4: 3 of 10 connections learned nothing: timed out"))
        #expect(info.notes.contains("egress server stun:c not used: not in this build"))
        let nothing = EgressSummarizer.summarize([], servers: [servers[0]])
        #expect(nothing.notes.last?.hasPrefix("no egress address learned") == true)
    }

    @Test func prometheusShowsTheCountAndStability() {
        let info = EgressSummarizer.summarize(Self.seen("198.18.0.11", times: 2) + Self.seen("198.18.0.12"))
        let text = EgressMetrics.text(info)
        #expect(text.contains("netready_egress_addresses{family=\"ipv4\"} 2\n"))
        #expect(text.contains("netready_egress_addresses{family=\"ipv6\"} 0\n"))
        #expect(text.contains("netready_egress_stable 0\n"))
        #expect(text.contains("netready_egress_address_connections{ip=\"198.18.0.11\",family=\"ipv4\"} 2\n"))
        #expect(!EgressMetrics.text(EgressInfo()).contains("\nnetready_egress_stable "))
    }
}
