import NetReadyPosix
import NetReadyWire
import Testing

@testable import NetReady

/// Reading the caller's address out of what echo services answer: text, JSON, and anything hostile.
@Suite(.timeLimit(.minutes(3))) struct EgressAddressTextTests {
    static func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test(arguments: [
        ("198.51.100.7\n", "198.51.100.7"),
        ("  203.0.113.9  ", "203.0.113.9"),
        ("{\"ip\": \"198.51.100.7\"}", "198.51.100.7"),
        ("{\"origin\":\"203.0.113.1\",\"other\":1}", "203.0.113.1"),
        ("{\"address\":\"2001:DB8:0:0::1\"}", "2001:db8::1"),
        ("\"198.51.100.8\"", "198.51.100.8"),
        ("::ffff:198.51.100.9", "198.51.100.9"),
        ("2001:0db8:0000:0000:0000:0000:0000:0002\r\n", "2001:db8::2"),
    ])
    func readsAnAddress(text: String, expected: String) {
        #expect(EgressAddressText.address(inBody: Self.body(text)) == expected)
    }

    @Test(arguments: [
        "<html><body>Your IP is 198.51.100.7</body></html>",
        "",
        "not an address",
        "{\"ip\": \"example.com\"}",
        "{\"ip\": 12}",
        "[\"198.51.100.7\"]",
        "198.51.100.7, 203.0.113.1",
        "999.1.1.1",
        "fe80::1%eth0",
    ])
    func refusesAnythingElse(text: String) {
        #expect(EgressAddressText.address(inBody: Self.body(text)) == nil)
    }

    @Test func refusesInvalidUTF8AndOversizedBodies() {
        #expect(EgressAddressText.address(inBody: [0xff, 0xfe, 0x31, 0x2e]) == nil)
        #expect(
            EgressAddressText.address(inBody: Array(repeating: 0x20, count: 5000) + Self.body("198.51.100.7")) == nil)
    }

    @Test func readsTXTStrings() {
        #expect(EgressAddressText.address(inText: "\"198.51.100.7\"") == "198.51.100.7")
        #expect(EgressAddressText.address(inText: "edns0-client-subnet 198.51.100.0/24") == nil)
    }

    @Test func collectsMappedAddressesFromProbeResults() throws {
        var stun = ProbeResult(uri: "stun:s", kind: "stun", transport: "udp", status: .pass, message: "")
        stun.observations.stun = STUNObservation(
            transport: "udp", serverAddress: try SocketAddress(ip: "198.18.0.2", port: 3478),
            mappedAddresses: [
                try SocketAddress(ip: "198.18.0.11", port: 1000), try SocketAddress(ip: "198.18.0.12", port: 1001),
            ])
        var sips = ProbeResult(uri: "sips:t", kind: "sips", transport: "tls", status: .pass, message: "")
        sips.observations.sip = SIPObservation(
            transport: "TLS",
            mappedAddresses: [
                SIPHostPort(host: "198.18.0.13", port: 2000), SIPHostPort(host: "sip.example.com", port: 1),
            ])
        let other = ProbeResult(uri: "tcp://h:1", kind: "tcp", status: .pass, message: "")
        let seen = MappedAddressObservations.collect(from: [stun, sips, other])
        #expect(
            seen == [
                EgressObservation(ip: "198.18.0.11", via: "stun", transport: "udp"),
                EgressObservation(ip: "198.18.0.12", via: "stun", transport: "udp"),
                EgressObservation(ip: "198.18.0.13", via: "sip", transport: "tcp"),
            ])
    }
}
