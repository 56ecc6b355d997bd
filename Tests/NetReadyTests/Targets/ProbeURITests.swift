import Foundation
import Testing

@testable import NetReady

@Suite("ProbeURI", .timeLimit(.minutes(3)))
struct ProbeURITests {
    /// One URI that must parse, with the fields it must yield.
    struct Good: Sendable, CustomTestStringConvertible {
        var text: String
        var kind: ProbeKind
        var host: String
        var ports: ClosedRange<UInt16>?
        var transport: ProbeTransport? = nil
        var path: String = ""
        var query: [String: String] = [:]
        var canonical: String
        var testDescription: String { text }
    }

    /// One URI that must be rejected, and a piece of the message that says why.
    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var says: String
        var testDescription: String { text }
    }

    static let good: [Good] = [
        Good(
            text: "dns:good.example.com?type=AAAA", kind: .dns, host: "good.example.com", ports: nil,
            query: ["type": "AAAA"], canonical: "dns:good.example.com?type=AAAA"),
        Good(text: "dns:example.com", kind: .dns, host: "example.com", ports: nil, canonical: "dns:example.com"),
        Good(
            text: "dns:_sip._tcp.example.com?type=srv", kind: .dns, host: "_sip._tcp.example.com", ports: nil,
            query: ["type": "SRV"], canonical: "dns:_sip._tcp.example.com?type=SRV"),
        Good(
            text: "dns:example.com?type=TXT;class=IN", kind: .dns, host: "example.com", ports: nil,
            query: ["type": "TXT", "class": "IN"], canonical: "dns:example.com?class=IN&type=TXT"),
        Good(text: "tcp://h:443", kind: .tcp, host: "h", ports: 443...443, canonical: "tcp://h:443"),
        Good(
            text: "TCP://Example.COM:443/", kind: .tcp, host: "example.com", ports: 443...443,
            canonical: "tcp://example.com:443"),
        Good(
            text: "tcp://h:10000-20000", kind: .tcp, host: "h", ports: 10000...20000,
            canonical: "tcp://h:10000-20000"),
        Good(
            text: "udp://h:10000-20000", kind: .udp, host: "h", ports: 10000...20000,
            canonical: "udp://h:10000-20000"),
        Good(text: "udp://h:5-5", kind: .udp, host: "h", ports: 5...5, canonical: "udp://h:5"),
        Good(text: "tcp://[::1]:443", kind: .tcp, host: "::1", ports: 443...443, canonical: "tcp://[::1]:443"),
        Good(
            text: "tcp://[2001:DB8::1]:65535", kind: .tcp, host: "2001:db8::1", ports: 65535...65535,
            canonical: "tcp://[2001:db8::1]:65535"),
        Good(
            text: "tcp://[fe80::1%25eth0]:22", kind: .tcp, host: "fe80::1%eth0", ports: 22...22,
            canonical: "tcp://[fe80::1%eth0]:22"),
        Good(
            text: "tcp://10.0.0.5:23", kind: .tcp, host: "10.0.0.5", ports: 23...23,
            canonical: "tcp://10.0.0.5:23"),
        Good(
            text: "tls://h:443?sni=x&alpn=h2", kind: .tls, host: "h", ports: 443...443,
            query: ["sni": "x", "alpn": "h2"], canonical: "tls://h:443?alpn=h2&sni=x"),
        Good(
            text: "tls://h:443?alpn=h2,http%2F1.1", kind: .tls, host: "h", ports: 443...443,
            query: ["alpn": "h2,http/1.1"], canonical: "tls://h:443?alpn=h2,http/1.1"),
        Good(text: "https://h/", kind: .https, host: "h", ports: 443...443, path: "/", canonical: "https://h/"),
        Good(
            text: "https://login.salesforce.com", kind: .https, host: "login.salesforce.com", ports: 443...443,
            path: "/", canonical: "https://login.salesforce.com/"),
        Good(
            text: "https://h:443/a?b=c&d#frag", kind: .https, host: "h", ports: 443...443, path: "/a",
            query: ["b": "c", "d": ""], canonical: "https://h/a?b=c&d"),
        Good(
            text: "http://h:8080/x", kind: .http, host: "h", ports: 8080...8080, path: "/x",
            canonical: "http://h:8080/x"),
        Good(text: "http://[::1]/", kind: .http, host: "::1", ports: 80...80, path: "/", canonical: "http://[::1]/"),
        Good(
            text: "ws://h/signal", kind: .ws, host: "h", ports: 80...80, path: "/signal",
            canonical: "ws://h/signal"),
        Good(
            text: "wss://h/signal", kind: .wss, host: "h", ports: 443...443, path: "/signal",
            canonical: "wss://h/signal"),
        Good(
            text: "stun:h:3478?transport=udp", kind: .stun, host: "h", ports: 3478...3478, transport: .udp,
            query: ["transport": "udp"], canonical: "stun:h"),
        Good(
            text: "stun:h?transport=TCP", kind: .stun, host: "h", ports: 3478...3478, transport: .tcp,
            query: ["transport": "tcp"], canonical: "stun:h?transport=tcp"),
        Good(
            text: "stun:[2001:db8::1]:19302", kind: .stun, host: "2001:db8::1", ports: 19302...19302,
            transport: .udp, canonical: "stun:[2001:db8::1]:19302"),
        Good(text: "stuns:h", kind: .stuns, host: "h", ports: 5349...5349, transport: .tcp, canonical: "stuns:h"),
        Good(
            text: "turn:h:3478?transport=tcp", kind: .turn, host: "h", ports: 3478...3478, transport: .tcp,
            query: ["transport": "tcp"], canonical: "turn:h?transport=tcp"),
        Good(text: "turn:h", kind: .turn, host: "h", ports: 3478...3478, transport: .udp, canonical: "turn:h"),
        Good(
            text: "turns:h:443?transport=tcp", kind: .turns, host: "h", ports: 443...443, transport: .tcp,
            query: ["transport": "tcp"], canonical: "turns:h:443"),
        Good(
            text: "sip:h:5060;transport=tcp", kind: .sip, host: "h", ports: 5060...5060, transport: .tcp,
            query: ["transport": "tcp"], canonical: "sip:h;transport=tcp"),
        Good(text: "sip:h", kind: .sip, host: "h", ports: 5060...5060, transport: .udp, canonical: "sip:h"),
        Good(
            text: "sip:h;transport=tls", kind: .sip, host: "h", ports: 5061...5061, transport: .tls,
            query: ["transport": "tls"], canonical: "sip:h;transport=tls"),
        Good(
            text: "sip:h;transport=wss", kind: .sip, host: "h", ports: 443...443, transport: .wss,
            query: ["transport": "wss"], canonical: "sip:h;transport=wss"),
        Good(
            text: "sips:h:5061", kind: .sips, host: "h", ports: 5061...5061, transport: .tls,
            canonical: "sips:h"),
        Good(
            text: "sips:h;transport=tcp", kind: .sips, host: "h", ports: 5061...5061, transport: .tls,
            query: ["transport": "tls"], canonical: "sips:h"),
        Good(text: "icmp:h", kind: .icmp, host: "h", ports: nil, canonical: "icmp:h"),
        Good(text: "icmp:192.0.2.1", kind: .icmp, host: "192.0.2.1", ports: nil, canonical: "icmp:192.0.2.1"),
        Good(text: "icmp:2001:db8::1", kind: .icmp, host: "2001:db8::1", ports: nil, canonical: "icmp:2001:db8::1"),
        Good(text: "icmp:[::1]", kind: .icmp, host: "::1", ports: nil, canonical: "icmp:::1"),
        Good(
            text: "rtp://h:5004?duration=10s&codec=g711", kind: .rtp, host: "h", ports: 5004...5004,
            query: ["duration": "10s", "codec": "g711"], canonical: "rtp://h:5004?codec=g711&duration=10s"),
        Good(
            text: "rtp://h:5004?codec=OPUS&duration=1500ms", kind: .rtp, host: "h", ports: 5004...5004,
            query: ["duration": "1.5s", "codec": "opus"], canonical: "rtp://h:5004?codec=opus&duration=1.5s"),
        Good(text: "  tcp://h:1  ", kind: .tcp, host: "h", ports: 1...1, canonical: "tcp://h:1"),
    ]

    @Test("parses", arguments: good)
    func parsesGood(_ example: Good) throws {
        let uri = try ProbeURI(parsing: example.text)
        #expect(uri.kind == example.kind)
        #expect(uri.host == example.host)
        #expect(uri.ports == example.ports)
        #expect(uri.transport == example.transport)
        #expect(uri.path == example.path)
        #expect(uri.query == example.query)
        #expect(uri.description == example.canonical)
        #expect(uri.raw == example.text.trimmingCharacters(in: .whitespaces))
        // The canonical form parses back to an equal URI.
        #expect(try ProbeURI(parsing: uri.description) == uri)
    }

    static let bad: [Bad] = [
        Bad(text: "", says: "empty"),
        Bad(text: "example.com", says: "no scheme"),
        Bad(text: "ftp://h:21", says: "netready does not probe 'ftp'"),
        Bad(text: "htps://h/", says: "unknown probe scheme"),
        Bad(text: "tcp://h", says: "has no port"),
        Bad(text: "udp://h", says: "has no port"),
        Bad(text: "tls://h", says: "has no port"),
        Bad(text: "rtp://h", says: "has no port"),
        Bad(text: "tcp://:443", says: "has no host"),
        Bad(text: "tcp://h:", says: "no port after it"),
        Bad(text: "tcp://h:http", says: "is not a number"),
        Bad(text: "tcp://h:0", says: "out of range"),
        Bad(text: "tcp://h:65536", says: "out of range"),
        Bad(text: "tcp://h:-1", says: "is not a number"),
        Bad(text: "tcp://h:20000-10000", says: "runs backwards"),
        Bad(text: "tcp://h:1-70000", says: "out of range"),
        Bad(text: "tls://h:1-2", says: "port range"),
        Bad(text: "https://h:1-2/", says: "port range"),
        Bad(text: "stun:h:1-2", says: "port range"),
        Bad(text: "tcp:h:443", says: "lacks '//'"),
        Bad(text: "stun://h:3478", says: "without '//'"),
        Bad(text: "tcp://::1:443", says: "must be written in brackets"),
        Bad(text: "tcp://[::1:443", says: "lacks the ']'"),
        Bad(text: "tcp://[zz::1]:443", says: "is not an IPv6 address"),
        Bad(text: "tcp://[::1]x:443", says: "after its IPv6 address"),
        Bad(text: "tcp://h:443/path", says: "has a path"),
        Bad(text: "tcp://h:443?x=1", says: "unknown option 'x'"),
        Bad(text: "tcp://h:443#frag", says: "fragment"),
        Bad(text: "tcp://bad_host!:443", says: "not allowed in a host name"),
        Bad(text: "tcp://-h:443", says: "starts or ends with '-'"),
        Bad(text: "tcp://a..b:443", says: "empty label"),
        Bad(text: "tcp://999.1.1.1:443", says: "not a valid IPv4"),
        Bad(text: "tcp://bücher.example:443", says: "punycode"),
        Bad(text: "tcp://h :443", says: "space"),
        Bad(text: "https://u:p@h/", says: "carries credentials"),
        Bad(text: "https://u@h/", says: "carries credentials"),
        Bad(text: "turn:u:p@h", says: "carries credentials"),
        Bad(text: "turn:u@h", says: "carries credentials"),
        Bad(text: "dns:", says: "has no host"),
        Bad(text: "dns:example.com?type=MX", says: "unknown DNS record type 'MX'"),
        Bad(text: "dns:example.com?tpye=A", says: "unknown option 'tpye'"),
        Bad(text: "dns:example.com?type=", says: "has no value"),
        Bad(text: "dns:example.com?type=A&type=AAAA", says: "appears twice"),
        Bad(text: "dns:example.com?class=CH", says: "DNS class"),
        Bad(text: "dns:example.com:53", says: "take no port"),
        Bad(text: "dns:192.0.2.1", says: "not an address"),
        Bad(text: "dns://198.51.100.53/example.com", says: "without '//'"),
        Bad(text: "tls://h:443?sni=", says: "has no value"),
        Bad(text: "tls://h:443?sni=bad!name", says: "bad sni"),
        Bad(text: "tls://h:443?alpn=h2,,x", says: "bad alpn"),
        Bad(text: "tls://h:443?alpn", says: "not key=value"),
        Bad(text: "tls://h:443?alpn=%zz", says: "bad %-escape"),
        Bad(text: "stun:h?transport=tls", says: "not supported by stun"),
        Bad(text: "stun:h?foo=bar", says: "unknown option 'foo'"),
        Bad(text: "stuns:h?transport=udp", says: "DTLS"),
        Bad(text: "turns:h?transport=udp", says: "DTLS"),
        Bad(text: "turn:h?transport=sctp", says: "not supported by turn"),
        Bad(text: "sip:h;transport=sctp", says: "not supported by sip"),
        Bad(text: "sip:h;lr=1", says: "unknown parameter 'lr'"),
        Bad(text: "sip:h?subject=x", says: "SIP headers"),
        Bad(text: "sip:@h", says: "empty user"),
        Bad(text: "sip:alice:secret@h", says: "password"),
        Bad(text: "sips:h;transport=udp", says: "cannot run over udp"),
        Bad(text: "sip:h:99999", says: "out of range"),
        Bad(text: "icmp:h:7", says: "take no port"),
        Bad(text: "icmp:h?count=3", says: "take no options"),
        Bad(text: "icmp:", says: "has no host"),
        Bad(text: "icmp:2001:zz::1", says: "not an IPv6 address"),
        Bad(text: "rtp://h:5004?duration=10", says: "has no unit"),
        Bad(text: "rtp://h:5004?duration=0s", says: "must be above 0"),
        Bad(text: "rtp://h:5004?duration=2h", says: "at most 1h"),
        Bad(text: "rtp://h:5004?codec=g729", says: "unknown codec 'g729'"),
        Bad(text: "rtp://h:5004?loss=1", says: "unknown option 'loss'"),
        Bad(text: "rtp://h:5000-5010", says: "port range"),
    ]

    @Test("rejects", arguments: bad)
    func rejectsBad(_ example: Bad) {
        #expect {
            _ = try ProbeURI(parsing: example.text)
        } throws: { error in
            guard let error = error as? ProbeURIError else { return false }
            return error.description.contains(example.says)
        }
    }

    @Test(
        "credentials in a URI are named, never echoed",
        arguments: [
            "http://urluser:URLPASS999@127.0.0.1:8080/", "https://urluser@h/", "turn:urluser:URLPASS999@h",
            "turns:urluser@h?transport=tcp", "sip:urluser:URLPASS999@h", "tcp://urluser:URLPASS999@h:99999",
            "htp://urluser:URLPASS999@h/", "urluser:URLPASS999@h", "http://urluser:URL PASS999@h/",
        ])
    func credentialsAreNotEchoed(_ text: String) {
        do {
            _ = try ProbeURI(parsing: text)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("carries credentials"))
            #expect(!error.description.contains("urluser") && !error.description.contains("PASS999"))
        }
    }

    @Test func aStunQualityStreamKeepsItsDurationAndCodec() throws {
        let uri = try ProbeURI(parsing: "stun:Stun.Example.com:19302?duration=5s&codec=opus")
        #expect(uri.mediaDuration == .seconds(5))
        #expect(uri.mediaCodec == "opus")
        #expect(uri.description == "stun:stun.example.com:19302?codec=opus&duration=5s")
        // Private and loopback servers of one's own may be streamed to for longer than a public one.
        #expect(try ProbeURI(parsing: "stun:10.0.0.1?duration=5m").mediaDuration == .seconds(300))
        #expect(try ProbeURI(parsing: "stun:[::1]:3478?duration=2m").mediaDuration == .seconds(120))
        #expect(throws: ProbeURIError.self) { try ProbeURI(parsing: "stun:h?codec=opus") }
    }

    @Test func aTurnQualityStreamKeepsItsDurationCodecAndBitrate() throws {
        let uri = try ProbeURI(parsing: "turn:Turn.Example.com?transport=tcp&duration=10s&codec=opus&bitrate=100kbps")
        #expect(uri.mediaDuration == .seconds(10))
        #expect(uri.mediaCodec == "opus")
        #expect(uri.transport == .tcp)
        #expect(uri.query["bitrate"] == "100kbps")
        // A relay of one's own may be streamed through for longer than a public one, up to the permission's life.
        #expect(try ProbeURI(parsing: "turn:10.0.0.1?duration=4m").mediaDuration == .seconds(240))
        #expect(throws: ProbeURIError.self) { try ProbeURI(parsing: "turn:10.0.0.1?duration=241s") }
        #expect(throws: ProbeURIError.self) { try ProbeURI(parsing: "turn:turn.example.com?duration=61s") }
        // turns: streams are not offered (TLS to the relay is judged, not streamed through).
        #expect(throws: ProbeURIError.self) { try ProbeURI(parsing: "turns:turn.example.com?duration=5s") }
    }

    @Test func aSIPUserIsNotACredential() throws {
        #expect(try ProbeURI(parsing: "sip:alice@127.0.0.1").user == "alice")
    }

    @Test func unknownSchemeListsKnownSchemes() {
        do {
            _ = try ProbeURI(parsing: "htps://example.com/")
            Issue.record("expected an error")
        } catch {
            #expect(error.fix?.contains("did you mean 'https'?") == true)
            #expect(error.fix?.contains("dns, tcp, udp, tls, http, https, ws, wss, stun") == true)
        }
    }

    @Test func aProtocolNetReadyDoesNotSpeakIsNotTakenForATypo() {
        do {
            _ = try ProbeURI(parsing: "ftp://files.example.com/")
            Issue.record("expected an error")
        } catch {
            #expect(error.fix == "to check that its port is reachable, write tcp://HOST:21")
            #expect(!(error.fix ?? "").contains("rtp"))
        }
    }

    @Test func turnPasswordErrorPointsToUsernameAndCredential() {
        do {
            _ = try ProbeURI(parsing: "turn:u:p@h")
            Issue.record("expected an error")
        } catch {
            #expect(error.fix?.contains("username:") == true)
            #expect(error.fix?.contains("credential:") == true)
        }
    }

    @Test func convenienceAccessors() throws {
        let range = try ProbeURI(parsing: "udp://media.example.com:10000-20000")
        #expect(range.port == 10000)
        #expect(range.isPortRange)
        #expect(!range.usesTLS)
        #expect(range.hasExplicitPort)

        let single = try ProbeURI(parsing: "tcp://10.0.0.5:23")
        #expect(!single.isPortRange)
        #expect(single.hostIsIPAddress)

        let https = try ProbeURI(parsing: "https://h/path?q=1&r=2")
        #expect(https.port == 443)
        #expect(!https.hasExplicitPort)
        #expect(https.usesTLS)
        #expect(https.requestTarget == "/path?q=1&r=2")
        #expect(https.rawQuery == "q=1&r=2")

        let tls = try ProbeURI(parsing: "tls://h:443?sni=api.example.com&alpn=h2,http/1.1")
        #expect(tls.sni == "api.example.com")
        #expect(tls.alpn == ["h2", "http/1.1"])

        let rtp = try ProbeURI(parsing: "rtp://h:5004?duration=10s&codec=g711")
        #expect(rtp.mediaDuration == .seconds(10))
        #expect(rtp.mediaCodec == "g711")

        let dns = try ProbeURI(parsing: "dns:example.com?type=aaaa")
        #expect(dns.dnsType == "AAAA")
        #expect(dns.port == nil)

        let sip = try ProbeURI(parsing: "sip:user@h")
        #expect(sip.user == "user")
        #expect(sip.host == "h")
        #expect(sip.port == 5060)
        #expect(sip.description == "sip:user@h")

        let sipTLS = try ProbeURI(parsing: "sip:h;transport=tls")
        #expect(sipTLS.usesTLS)

        let v6 = try ProbeURI(parsing: "tcp://[::1]:443")
        #expect(v6.bracketedHost == "[::1]")
        #expect(v6.hostIsIPAddress)
    }

    @Test func equalityIsByCanonicalForm() throws {
        #expect(try ProbeURI(parsing: "stun:H:3478?transport=udp") == ProbeURI(parsing: "stun:h"))
        #expect(try ProbeURI(parsing: "https://h:443") == ProbeURI(parsing: "https://h/"))
        #expect(try ProbeURI(parsing: "tcp://h:1") != ProbeURI(parsing: "tcp://h:2"))
        let set: Set<ProbeURI> = [try ProbeURI(parsing: "sips:h:5061"), try ProbeURI(parsing: "sips:h")]
        #expect(set.count == 1)
    }

    @Test func everySchemeHasAWorkingExample() throws {
        for kind in ProbeKind.allCases {
            let example = String(kind.example.split(separator: " ").first!)
            let uri = try ProbeURI(parsing: example)
            #expect(uri.kind == kind)
        }
    }

    @Test func defaultPortsPerScheme() throws {
        let expected: [String: UInt16?] = [
            "http://h": 80, "https://h": 443, "ws://h": 80, "wss://h": 443, "stun:h": 3478, "turn:h": 3478,
            "stuns:h": 5349, "turns:h": 5349, "sip:h": 5060, "sips:h": 5061, "dns:h": nil, "icmp:h": nil,
        ]
        for (text, port) in expected {
            #expect(try ProbeURI(parsing: text).port == port, "\(text)")
        }
    }

    @Test func codableRoundTrip() throws {
        let uri = try ProbeURI(parsing: "turns:turn.example.com:443?transport=tcp")
        let data = try JSONEncoder().encode([uri])
        #expect(String(decoding: data, as: UTF8.self) == #"["turns:turn.example.com:443?transport=tcp"]"#)
        #expect(try JSONDecoder().decode([ProbeURI].self, from: data) == [uri])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ProbeURI].self, from: Data(#"["tcp://h"]"#.utf8))
        }
    }
}
