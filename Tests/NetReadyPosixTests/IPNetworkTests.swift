import NetReadyPosix
import Testing

/// CIDR blocks: prefix edges, host bits, families and the errors target files show.
@Suite(.timeLimit(.minutes(3))) struct IPNetworkTests {
    @Test func prefixEdges() throws {
        let all = try IPNetwork(parsing: "0.0.0.0/0")
        #expect(all.contains("255.255.255.255") && all.contains("0.0.0.0") && !all.contains("::1"))
        let host = try IPNetwork(parsing: "192.0.2.7/32")
        #expect(host.contains("192.0.2.7") && !host.contains("192.0.2.6"))
        let odd = try IPNetwork(parsing: "172.16.0.0/12")
        #expect(odd.contains("172.31.255.255") && !odd.contains("172.32.0.0") && !odd.contains("172.15.255.255"))
        let v6 = try IPNetwork(parsing: "2001:db8::/32")
        #expect(v6.contains("2001:db8:ffff::1") && !v6.contains("2001:db9::1") && !v6.contains("192.0.2.1"))
        #expect(try IPNetwork(parsing: "::/0").contains("::1"))
        #expect(try IPNetwork(parsing: "::1/128").contains("::1"))
    }

    @Test func bareAddressIsOneHostAndHostBitsAreIgnored() throws {
        let single = try IPNetwork(parsing: "203.0.113.9")
        #expect(single.prefixLength == 32 && single.contains("203.0.113.9") && !single.contains("203.0.113.8"))
        let sloppy = try IPNetwork(parsing: "10.1.2.3/8")
        #expect(sloppy.contains("10.200.0.1") && sloppy.description == "10.1.2.3/8")
    }

    @Test func ipv4MappedAddressesMatchIPv4Networks() throws {
        #expect(try IPNetwork(parsing: "192.0.2.0/24").contains("::ffff:192.0.2.44"))
        #expect(try !IPNetwork(parsing: "192.0.2.0/24").contains("::ffff:198.51.100.1"))
    }

    @Test func errorsNameThePart() {
        #expect(throws: EndpointError("10.0.0.0/33", .badPrefixLength(maximum: 32))) {
            try IPNetwork(parsing: "10.0.0.0/33")
        }
        #expect(throws: EndpointError("::/129", .badPrefixLength(maximum: 128))) { try IPNetwork(parsing: "::/129") }
        #expect(throws: EndpointError("10.0.0.0/", .badPrefixLength(maximum: 32))) {
            try IPNetwork(parsing: "10.0.0.0/")
        }
        #expect(throws: EndpointError("10.0.0.0/-1", .badPrefixLength(maximum: 32))) {
            try IPNetwork(parsing: "10.0.0.0/-1")
        }
        #expect(throws: EndpointError("host/8", .notAnAddress("host"))) { try IPNetwork(parsing: "host/8") }
        #expect(throws: EndpointError("fe80::%eth0/64", .notAnAddress("fe80::%eth0"))) {
            try IPNetwork(parsing: "fe80::%eth0/64")
        }
        #expect(throws: EndpointError("example.com", .notACIDRBlock)) { try IPNetwork(parsing: "example.com") }
        #expect(IPNetwork("10.0.0.0/8") != nil && IPNetwork("nope") == nil)
    }
}
