import Testing

@testable import NetReady

/// How egress servers are written: the `dns:` URI's `server=` option, and which schemes may be egress servers.
@Suite(.timeLimit(.minutes(3))) struct EgressServerSyntaxTests {
    @Test(arguments: [
        ("dns:x.whoami?type=TXT&server=198.18.0.55", "198.18.0.55"),
        ("dns:x?server=198.18.0.55:5353", "198.18.0.55:5353"),
        ("dns:x?server=%5Bfd77:ff::55%5D:53", "[fd77:ff::55]:53"),
        ("dns:o-o.myaddr.l.google.com?type=TXT&server=NS1.google.com", "ns1.google.com"),
        ("dns:myip.opendns.com?server=resolver1.opendns.com:53", "resolver1.opendns.com:53"),
    ])
    func dnsServerOptionIsParsed(text: String, server: String) throws {
        let uri = try ProbeURI(parsing: text)
        #expect(uri.dnsServer == server)
        #expect(EgressDiscovery.serverProblem(uri) == nil)
    }

    @Test(arguments: ["dns:x?server=", "dns:x?server=host:99999", "dns:x?server=bad_host!", "dns:x?server=[::1"])
    func aBadDNSServerIsRefused(text: String) {
        #expect(throws: ProbeURIError.self) { try ProbeURI(parsing: text) }
    }

    @Test func onlyEchoDNSAndSTUNServersAreEgressServers() throws {
        #expect(EgressDiscovery.serverProblem(try ProbeURI(parsing: "https://echo.example/ip")) == nil)
        #expect(EgressDiscovery.serverProblem(try ProbeURI(parsing: "stun:stun.example.com")) == nil)
        let problem = EgressDiscovery.serverProblem(try ProbeURI(parsing: "tcp://echo.example:80"))
        #expect(problem?.contains("not tcp:") == true)
    }

    @Test func aTargetFileWithAnUnusableEgressServerIsAnErrorAtItsLine() {
        #expect {
            try parseTargetsYAML("egress:\n  servers:\n    - tcp://echo.example:80\ntargets: []\n")
        } throws: { error in
            guard let error = error as? TargetFileError else { return false }
            return error.location?.line == 3 && error.message.contains("an egress server is an http(s)://")
        }
    }
}
