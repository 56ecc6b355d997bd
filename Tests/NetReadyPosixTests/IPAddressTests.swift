import NetReadyPosix
import Testing

/// Address literals: the families, zones, IPv4-mapped addresses and what is not an address.
@Suite(.timeLimit(.minutes(3))) struct IPAddressTests {
    @Test func parsesAndPrintsBothFamilies() throws {
        let v4 = try #require(IPAddress("192.0.2.1"))
        #expect(v4.family == .inet && v4.bytes == [192, 0, 2, 1] && v4.description == "192.0.2.1")
        let v6 = try #require(IPAddress("2001:DB8:0:0:0:0:0:1"))
        #expect(v6.family == .inet6 && v6.bytes.count == 16 && v6.description == "2001:db8::1")
        #expect(IPAddress(bytes: [10, 0, 0, 1])?.description == "10.0.0.1")
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }

    @Test func zones() throws {
        let scoped = try #require(IPAddress("fe80::1%eth0"))
        #expect(scoped.zone == "eth0" && scoped.description == "fe80::1%eth0")
        #expect(IPAddress("fe80::1%7")?.zone == "7")
        #expect(IPAddress("fe80::1%") == nil)
        #expect(IPAddress("fe80::1%a b") == nil)
        #expect(IPAddress("192.0.2.1%eth0") == nil, "IPv4 has no zones")
    }

    @Test func ipv4MappedUnmapsToItsIPv4Address() throws {
        let mapped = try #require(IPAddress("::ffff:192.0.2.1"))
        #expect(mapped.isIPv4Mapped && mapped.family == .inet6)
        #expect(mapped.unmapped == IPAddress("192.0.2.1"))
        #expect(IPAddress("::1")?.isIPv4Mapped == false)
        #expect(IPAddress("::1")?.unmapped == IPAddress("::1"))
    }

    @Test(arguments: ["", "example.com", "256.0.0.1", "1.2.3", "[::1]", "::1:", "1.2.3.4:80", "::g", " 1.2.3.4"])
    func notAnAddress(_ text: String) {
        #expect(IPAddress(text) == nil)
        #expect(!SocketAddress.isIPLiteral(text))
    }
}
