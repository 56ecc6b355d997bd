import NetReadyPosix
import Testing

/// The one endpoint splitter: brackets, zones, bare IPv6, bad ports and default ports.
@Suite(.timeLimit(.minutes(3))) struct HostPortTests {
    struct Split: Sendable, CustomTestStringConvertible {
        let text: String
        let host: String
        let port: String?
        let bracketed: Bool
        var testDescription: String { text }
    }

    @Test(arguments: [
        Split(text: "192.0.2.1", host: "192.0.2.1", port: nil, bracketed: false),
        Split(text: "192.0.2.1:53", host: "192.0.2.1", port: "53", bracketed: false),
        Split(text: "dns.google:853", host: "dns.google", port: "853", bracketed: false),
        Split(text: "dns.google", host: "dns.google", port: nil, bracketed: false),
        Split(text: "2001:db8::1", host: "2001:db8::1", port: nil, bracketed: false),
        Split(text: "[2001:db8::1]", host: "2001:db8::1", port: nil, bracketed: true),
        Split(text: "[2001:db8::1]:5353", host: "2001:db8::1", port: "5353", bracketed: true),
        Split(text: "[fe80::1%eth0]:9469", host: "fe80::1%eth0", port: "9469", bracketed: true),
        Split(text: "fe80::1%eth0", host: "fe80::1%eth0", port: nil, bracketed: false),
        Split(text: "[::]:10000-10010", host: "::", port: "10000-10010", bracketed: true),
        Split(text: "[::ffff:192.0.2.1]:80", host: "::ffff:192.0.2.1", port: "80", bracketed: true),
    ])
    func splits(_ case_: Split) throws {
        let split = try HostPort(splitting: case_.text)
        #expect(split.host == case_.host)
        #expect(split.portText == case_.port)
        #expect(split.bracketed == case_.bracketed)
    }

    @Test func refusesBrokenBrackets() {
        #expect(throws: EndpointError("[::1", .unclosedBracket)) { try HostPort(splitting: "[::1") }
        #expect(throws: EndpointError("[::1]53", .textAfterBracket)) { try HostPort(splitting: "[::1]53") }
        #expect(throws: EndpointError("zz::1:53", .notAnAddress("zz::1"))) { try HostPort(splitting: "zz::1:53") }
    }

    @Test(arguments: ["0", "65536", "99999", "-1", "", "5x", "+53", "123456"])
    func refusesBadPorts(_ port: String) throws {
        let split = try HostPort(splitting: "192.0.2.1:\(port)")
        #expect(throws: EndpointError("192.0.2.1:\(port)", .badPort)) { try split.port(default: 53) }
    }

    @Test func defaultPortOnlyWhenNoneIsWritten() throws {
        #expect(try HostPort(splitting: "192.0.2.1").port(default: 53) == 53)
        #expect(try HostPort(splitting: "[::1]").port(default: 53) == 53)
        #expect(try HostPort(splitting: "192.0.2.1:1").port(default: 53) == 1)
        #expect(try HostPort(splitting: "[::1]:65535").port(default: 53) == 65535)
        #expect(throws: EndpointError("192.0.2.1", .missingPort)) {
            try HostPort(splitting: "192.0.2.1").port(default: nil)
        }
    }

    @Test func portZeroOnlyForListeners() throws {
        #expect(throws: EndpointError("127.0.0.1:0", .badPort)) {
            try SocketAddress(endpoint: "127.0.0.1:0", defaultPort: nil)
        }
        #expect(try SocketAddress(endpoint: "127.0.0.1:0", defaultPort: nil, allowingPortZero: true).port == 0)
        #expect(try HostPort(splitting: "[::1]:0").port(default: nil, allowingZero: true) == 0)
    }

    @Test func socketAddressFromEndpoint() throws {
        #expect(try SocketAddress(endpoint: "127.0.0.1:9469", defaultPort: nil).description == "127.0.0.1:9469")
        #expect(try SocketAddress(endpoint: "[::1]:9469", defaultPort: nil).description == "[::1]:9469")
        #expect(try SocketAddress(endpoint: "::1", defaultPort: 53).description == "[::1]:53")
        #expect(try SocketAddress(endpoint: "[fe80::1%1]:53", defaultPort: nil).ip.hasPrefix("fe80::1%"))
        #expect(throws: EndpointError("localhost:53", .notAnAddress("localhost"))) {
            try SocketAddress(endpoint: "localhost:53", defaultPort: nil)
        }
        #expect(throws: EndpointError("127.0.0.1", .missingPort)) {
            try SocketAddress(endpoint: "127.0.0.1", defaultPort: nil)
        }
    }
}
