import Testing

@testable import NetReadyWire

/// Finding a SIP ALG's rewriting, on answers measured from the lab's kamailio with the router's ALG on and off.
@Suite(.timeLimit(.minutes(3))) struct SIPRewriteCheckTests {
    static let request = SIPOptionsRequest(
        targetURI: "sip:198.18.0.2", transport: "UDP", sentBy: SIPHostPort(host: "10.77.1.2", port: 44104),
        branch: "z9hG4bK535c7f770820", fromTag: "st1", callID: "3e2f5afa@10.77.1.2", user: "probe")

    static func response(via: String, echoVia: String, from: String = "<sip:probe@10.77.1.2>;tag=st1") -> SIPMessage {
        let echo = """
            OPTIONS sip:198.18.0.2 SIP/2.0
            Via: \(echoVia)
            Max-Forwards: 70
            From: <sip:probe@10.77.1.2>;tag=st1
            To: <sip:198.18.0.2>
            Call-ID: 3e2f5afa@10.77.1.2
            CSeq: 1 OPTIONS
            Contact: <sip:probe@10.77.1.2:44104>
            Content-Length: 0


            """.replacingLineEnds()
        let head = """
            SIP/2.0 200 OK
            Via: \(via)
            From: \(from)
            To: <sip:198.18.0.2>;tag=c76dc810db5fe7d4da04ee295171b524.66210633
            Call-ID: 3e2f5afa@10.77.1.2
            CSeq: 1 OPTIONS
            Content-Type: message/sipfrag
            Server: netready-lab
            Content-Length: \(echo.utf8.count)


            """.replacingLineEnds()
        // Built by hand (not parsed) is not the point: the test parses what a server sent.
        return (try? SIPMessage(parsing: Array((head + echo).utf8))) ?? request.message
    }

    @Test func withoutALGNothingChanged() throws {
        let response = Self.response(
            via: "SIP/2.0/UDP 10.77.1.2:44104;branch=z9hG4bK535c7f770820;rport=44104;received=198.18.0.13",
            echoVia: "SIP/2.0/UDP 10.77.1.2:44104;branch=z9hG4bK535c7f770820;rport")
        #expect(response.statusCode == 200)
        #expect(SIPRewriteCheck.compareResponse(response, to: Self.request) == [])
        let echo = try #require(SIPRewriteCheck.echoedRequest(in: response))
        #expect(SIPRewriteCheck.compareEcho(echo, to: Self.request) == [])
    }

    @Test func withALGTheEchoShowsTheViaRewrittenToTheEgressAddress() throws {
        let response = Self.response(
            via: "SIP/2.0/UDP 10.77.1.2:44104;branch=z9hG4bK535c7f770820;rport=44104;received=10.77.1.2",
            echoVia: "SIP/2.0/UDP 198.18.0.13:44104;branch=z9hG4bK535c7f770820;rport")
        // The ALG mapped the response back: its headers alone look untouched.
        #expect(SIPRewriteCheck.compareResponse(response, to: Self.request) == [])
        let echo = try #require(SIPRewriteCheck.echoedRequest(in: response))
        #expect(
            SIPRewriteCheck.compareEcho(echo, to: Self.request) == [
                SIPRewrite(header: "Via sent-by", sent: "10.77.1.2:44104", received: "198.18.0.13:44104")
            ])
    }

    @Test func responseHeadersShowAViaOrFromRewrite() {
        let response = Self.response(
            via: "SIP/2.0/UDP 198.18.0.12:44104;branch=z9hG4bK535c7f770820;rport=44104",
            echoVia: "SIP/2.0/UDP 10.77.1.2:44104;branch=z9hG4bK535c7f770820;rport",
            from: "<sip:probe@10.77.1.2:5060>;tag=st1")
        #expect(
            SIPRewriteCheck.compareResponse(response, to: Self.request) == [
                SIPRewrite(header: "Via sent-by", sent: "10.77.1.2:44104", received: "198.18.0.12:44104"),
                SIPRewrite(
                    header: "From", sent: "<sip:probe@10.77.1.2>;tag=st1",
                    received: "<sip:probe@10.77.1.2:5060>;tag=st1"),
            ])
    }

    @Test func noSipfragNoEcho() throws {
        let plain = try SIPMessage(
            parsing: Array("SIP/2.0 200 OK\r\nContent-Type: application/sdp\r\nl: 3\r\n\r\nv=0".utf8))
        #expect(SIPRewriteCheck.echoedRequest(in: plain) == nil)
        let junk = try SIPMessage(parsing: Array("SIP/2.0 200 OK\r\nc: message/sipfrag\r\nl: 3\r\n\r\nv=0".utf8))
        #expect(SIPRewriteCheck.echoedRequest(in: junk) == nil)
    }
}
