import Testing

@testable import NetReady

/// Mapped addresses of probe results as egress observations.
@Suite(.timeLimit(.minutes(3))) struct MappedAddressObservationsTests {
    @Test func loopbackMappingsAreNotEgressAddresses() {
        let result = ProbeResult(
            uri: "stun:127.0.0.1", kind: "stun", transport: "udp", status: .pass, message: "",
            details: [
                "mapped_addresses": .array([
                    .string("127.0.0.1:40000"), .string("198.51.100.7:40001"), .string("[::1]:40002"),
                    .string("[2001:db8::7]:40003"),
                ])
            ])
        let observed = MappedAddressObservations.collect(from: [result]).map(\.ip)
        #expect(observed == ["198.51.100.7", "2001:db8::7"])
    }
}
