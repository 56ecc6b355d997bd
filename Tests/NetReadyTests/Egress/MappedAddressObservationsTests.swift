import NetReadyPosix
import Testing

@testable import NetReady

/// Mapped addresses of probe results as egress observations.
@Suite(.timeLimit(.minutes(3))) struct MappedAddressObservationsTests {
    @Test func loopbackMappingsAreNotEgressAddresses() throws {
        var result = ProbeResult(uri: "stun:127.0.0.1", kind: "stun", transport: "udp", status: .pass, message: "")
        result.observations.stun = STUNObservation(
            transport: "udp", serverAddress: try SocketAddress(ip: "127.0.0.1", port: 3478),
            mappedAddresses: [
                try SocketAddress(ip: "127.0.0.1", port: 40000), try SocketAddress(ip: "198.51.100.7", port: 40001),
                try SocketAddress(ip: "::1", port: 40002), try SocketAddress(ip: "2001:db8::7", port: 40003),
            ])
        let observed = MappedAddressObservations.collect(from: [result]).map(\.ip)
        #expect(observed == ["198.51.100.7", "2001:db8::7"])
        // The observation is what the report shows as details.mapped_addresses.
        #expect(
            result.details["mapped_addresses"]
                == ["127.0.0.1:40000", "198.51.100.7:40001", "[::1]:40002", "[2001:db8::7]:40003"])
    }
}
