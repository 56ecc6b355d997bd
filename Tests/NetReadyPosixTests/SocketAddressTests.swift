import Testing

@testable import NetReadyPosix

@Suite("SocketAddress", .timeLimit(.minutes(3)))
struct SocketAddressTests {
    @Test(
        "IPv4 parses and formats",
        arguments: [
            ("1.2.3.4", UInt16(80), "1.2.3.4:80"),
            ("127.0.0.1", 0, "127.0.0.1:0"),
            ("255.255.255.255", 65535, "255.255.255.255:65535"),
        ])
    func ipv4(ip: String, port: UInt16, text: String) throws {
        let address = try SocketAddress(ip: ip, port: port)
        #expect(address.family == .inet)
        #expect(address.ip == ip)
        #expect(address.port == port)
        #expect(address.description == text)
    }

    @Test(
        "IPv6 parses, normalises and brackets",
        arguments: [
            ("::1", "::1", "[::1]:443"),
            ("2001:DB8:0:0::1", "2001:db8::1", "[2001:db8::1]:443"),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1", "[::ffff:192.0.2.1]:443"),
            ("fe80::1%lo", "fe80::1%lo", "[fe80::1%lo]:443"),
            ("fe80::1%1", "fe80::1%lo", "[fe80::1%lo]:443"),
        ])
    func ipv6(ip: String, normalised: String, text: String) throws {
        let address = try SocketAddress(ip: ip, port: 443)
        #expect(address.family == .inet6)
        #expect(address.ip == normalised)
        #expect(address.description == text)
    }

    @Test(
        "non-literals are rejected",
        arguments: [
            "", "1.2.3", "256.1.1.1", "1.2.3.4.5", "example.com", "::g", "1::2::3", "[::1]", "fe80::1%",
            "fe80::1%nosuchif0", " 1.2.3.4",
        ])
    func rejects(text: String) {
        #expect(throws: InvalidAddressError.self) {
            try SocketAddress(ip: text, port: 1)
        }
    }

    @Test("isIPLiteral tells literals from names")
    func literals() {
        #expect(SocketAddress.isIPLiteral("10.0.0.1"))
        #expect(SocketAddress.isIPLiteral("2001:db8::1"))
        #expect(SocketAddress.isIPLiteral("fe80::1%eth0"))
        #expect(!SocketAddress.isIPLiteral("localhost"))
        #expect(!SocketAddress.isIPLiteral("10.0.0"))
        #expect(!SocketAddress.isIPLiteral(""))
    }

    @Test("withPort, equality and hashing")
    func equality() throws {
        let a = try SocketAddress(ip: "192.0.2.1", port: 80)
        let b = try SocketAddress(ip: "192.0.2.1", port: 443).withPort(80)
        #expect(a == b)
        #expect(a != a.withPort(81))
        #expect(try SocketAddress(ip: "::1", port: 80) == SocketAddress(ip: "0:0::1", port: 80))
        #expect(try SocketAddress(ip: "::1", port: 80) != SocketAddress(ip: "127.0.0.1", port: 80))
        #expect(Set([a, b, a.withPort(81)]).count == 2)
        #expect(try SocketAddress(ip: "127.3.4.5", port: 1).isLoopback)
        #expect(try SocketAddress(ip: "::1", port: 1).isLoopback)
        #expect(try !SocketAddress(ip: "192.0.2.1", port: 1).isLoopback)
    }

    @Test("a bound socket reports the address back")
    func roundTrip() throws {
        let socket = try Socket(family: .inet6, type: .datagram)
        defer { socket.close() }
        try socket.bind(to: SocketAddress(ip: "::1", port: 0))
        let local = try socket.localAddress()
        #expect(local.ip == "::1")
        #expect(local.port != 0)
    }
}
