import NetReadyPosix
import NetReadyWire
import Testing

@testable import NetReady

/// The pure parts of the STUN prober: RFC 8489 timing, RFC 5780 decisions, framing and the report's NAT summary.
@Suite(.timeLimit(.minutes(3))) struct STUNDecisionTests {
    @Test func retransmissionScheduleIsRFC8489s() {
        let timing = STUNRetransmission()
        // RFC 8489 section 6.2.1: sent at 0, 500, 1500, 3500, 7500, 15500 and 31500 ms, given up at 39500 ms.
        #expect(timing.sendOffsets == [0, 500, 1500, 3500, 7500, 15500, 31500].map { Duration.milliseconds($0) })
        #expect(timing.giveUpOffset == .milliseconds(39_500))
        let cut = timing.schedule(within: .seconds(3))
        #expect(cut.sends == [.zero, .milliseconds(500), .milliseconds(1500)])
        #expect(cut.giveUp == .seconds(3))
        #expect(timing.schedule(within: .seconds(60)).giveUp == .milliseconds(39_500))
    }

    @Test func mappingFollowsRFC5780Section4_3() {
        #expect(NATMapping.decide(test1: "a:1", test2: "a:1", test3: nil) == .endpointIndependent)
        #expect(NATMapping.decide(test1: "a:1", test2: "b:1", test3: "b:1") == .addressDependent)
        #expect(NATMapping.decide(test1: "a:1", test2: "b:1", test3: "c:1") == .addressAndPortDependent)
        #expect(NATMapping.decide(test1: "a:1", test2: "a:2", test3: "a:3") == .addressAndPortDependent)
        #expect(NATMapping.decide(test1: "a:1", test2: nil, test3: nil) == nil)
        #expect(NATMapping.decide(test1: "a:1", test2: "b:1", test3: nil) == nil)
        #expect(!NATMapping.endpointIndependent.needsRelay)
        #expect(NATMapping.addressDependent.needsRelay)
        #expect(NATMapping.addressAndPortDependent.consequence.contains("calls need a TURN relay"))
    }

    @Test func filteringFollowsRFC5780Section4_4() {
        #expect(NATFiltering.decide(changedAddressAnswered: true, changedPortAnswered: nil) == .endpointIndependent)
        #expect(NATFiltering.decide(changedAddressAnswered: false, changedPortAnswered: true) == .addressDependent)
        #expect(
            NATFiltering.decide(changedAddressAnswered: false, changedPortAnswered: false) == .addressAndPortDependent)
        #expect(NATFiltering.decide(changedAddressAnswered: false, changedPortAnswered: nil) == nil)
    }

    @Test func natComparisonSummary() {
        let same = NATBehaviourInfo(servers: [
            .init(server: "stun:a", mapped: "198.18.0.11:4000"), .init(server: "stun:b", mapped: "198.18.0.11:4000"),
        ])
        #expect(same.mapping == "endpoint-independent")
        #expect(EgressInfo().recording(nat: same).notes.isEmpty)
        let varies = NATBehaviourInfo(servers: [
            .init(server: "stun:a", mapped: "198.18.0.11:4000"), .init(server: "stun:b", mapped: "198.18.0.12:4000"),
        ])
        #expect(varies.mapping == "varies by destination")
        let egress = EgressInfo().recording(nat: varies)
        #expect(egress.nat == varies)
        #expect(egress.notes.first?.hasPrefix("mapping varies by destination: stun:a saw 198.18.0.11:4000") == true)
        #expect(egress.notes.first?.hasSuffix("media needs TURN") == true)
    }

    @Test func streamFramingUsesTheLengthField() {
        let message = STUNMessage(
            type: STUNMessage.bindingRequest, transactionID: Array(repeating: 1, count: 12),
            attributes: [.init(type: STUNMessage.Attribute.software, value: Array("x".utf8))]
        ).encoded()
        #expect(STUNStreamTransaction.frameLength(message) == message.count)
        #expect(STUNStreamTransaction.frameLength(Array(message.prefix(19))) == nil)
        #expect(STUNStreamTransaction.frameLength(Array(repeating: 0x41, count: 40)) == nil)
    }
}
