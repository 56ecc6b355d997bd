import Testing

@testable import NetReadyWire

/// Parsing SIP messages: start lines, compact and folded headers, Via, name-addr, CSeq (RFC 3261, RFC 4475).
@Suite(.timeLimit(.minutes(3))) struct SIPMessageTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.replacingLineEnds().utf8) }

    /// RFC 4475 3.1.1.1 "A Short Tortuous INVITE", shortened body: odd whitespace, folding, compact forms,
    /// escaped quotes, two Vias in one compact header.
    static let tortuousHead = #"""
        INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
        TO :
         sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
        from   : "J Rosenberg \\\""       <sip:jdrosen@example.com>
          ;
          tag = 98asjd8
        MaX-fOrWaRdS: 0068
        Call-ID: wsinv.ndaksdj@192.0.2.1
        Content-Length   : LENGTH
        cseq: 0009
          INVITE
        Via  : SIP  /   2.0
         /UDP
            192.0.2.2;branch=390skdjuw
        s :
        NewFangledHeader:   newfangled value
         continued newfangled value
        UnknownHeaderWithUnusualValue: ;;,,;;,;
        Content-Type: application/sdp
        Route:
         <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
        v:  SIP  / 2.0  / TCP     spindle.example.com   ;
          branch  =   z9hG4bK9ikj8  ,
         SIP  /    2.0   / UDP  192.168.255.111   ; branch=
         z9hG4bK30239
        m:"Quoted string \"\"" <sip:jdrosen@example.com> ; newparam =
              newvalue ;
          secondparam ; q = 0.33


        """#

    @Test func tortuousInviteParses() throws {
        let body = "v=0\r\no=mhandley 29739 7272939 IN IP4 192.0.2.3\r\ns=-\r\n"
        let head = Self.tortuousHead.replacingOccurrences("LENGTH", with: "\(body.utf8.count)")
        let message = try SIPMessage(parsing: Self.bytes(head) + Array(body.utf8))
        #expect(message.startLine == .request(method: "INVITE", uri: "sip:vivekg@chair-dnrc.example.com;unknownparam"))
        #expect(message.body == Array(body.utf8))
        #expect(try message.cseq() == SIPCSeq(number: 9, method: "INVITE"))
        #expect(message.header("max-forwards") == "0068")
        #expect(message.header("subject") == "")
        #expect(message.header("NEWFANGLEDHEADER") == "newfangled value continued newfangled value")
        let vias = try message.vias()
        #expect(vias.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(vias.map(\.sentBy.host) == ["192.0.2.2", "spindle.example.com", "192.168.255.111"])
        #expect(vias.map(\.branch) == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"])
        let to = try #require(try message.nameAddress("t"))
        #expect(to.tag == "1918181833n")
        #expect(to.uri.user == "vivekg")
        let from = try #require(try message.nameAddress("From"))
        #expect(from.displayName == #"J Rosenberg \\\""#)
        #expect(from.tag == "98asjd8")
        #expect(from.uri.hostPort.host == "example.com")
        let contact = try #require(try message.nameAddress("contact"))
        #expect(contact.displayName == #"Quoted string \"\""#)
        #expect(contact.parameters.value("newparam") == "newvalue")
        #expect(contact.parameters.value("q") == "0.33")
        #expect(contact.parameters.parameter("secondparam") != nil)
    }

    @Test func responseWithViaReceivedAndRPort() throws {
        let text = """
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP 10.77.1.2:57260;branch=z9hG4bKdf5078ccf677;rport=57260;received=198.18.0.13
            From: <sip:probe@10.77.1.2>;tag=st1
            To: <sip:198.18.0.2>;tag=c76dc810db5fe7d4da04ee295171b524.5995f853
            Call-ID: fd9bd8324e6848caa55dbaee7f94bac5@10.77.1.2
            CSeq: 1 OPTIONS
            Server: netready-lab
            Content-Length: 0


            """
        let message = try SIPMessage(parsing: Self.bytes(text))
        #expect(message.statusCode == 200)
        #expect(message.reasonPhrase == "OK")
        let via = try #require(try message.vias().first)
        #expect(via.sentBy == SIPHostPort(host: "10.77.1.2", port: 57260))
        #expect(via.received == "198.18.0.13")
        #expect(via.rport == 57260)
        #expect(via.hasRPort)
        #expect(message.header("server") == "netready-lab")
        #expect(message.body.isEmpty)
    }

    @Test func ipv6SentByAndURIs() throws {
        let via = try SIPVia(parsing: "SIP/2.0/TLS [2001:db8::9:1]:5061;branch=z9hG4bKas3-111;rport")
        #expect(via.sentBy == SIPHostPort(host: "2001:db8::9:1", port: 5061))
        #expect(via.sentBy.description == "[2001:db8::9:1]:5061")
        #expect(via.hasRPort && via.rport == nil)
        let uri = try SIPURI(parsing: "sips:alice:secret@[2001:db8::10]:5071;transport=tcp;lr?subject=x")
        #expect(uri.scheme == "sips")
        #expect(uri.user == "alice")
        #expect(uri.hostPort == SIPHostPort(host: "2001:db8::10", port: 5071))
        #expect(uri.parameters.value("transport") == "tcp")
        #expect(uri.parameters.parameter("lr") != nil)
        #expect(try SIPURI(parsing: "tel:+1-201-555-0123").hostPort.host == "")
    }

    @Test func uriEquivalenceNoticesAnAddedPort() throws {
        let sent = try SIPURI(parsing: "sip:probe@10.77.1.2")
        #expect(sent.isEquivalent(to: try SIPURI(parsing: "SIP:probe@10.77.1.2")))
        #expect(!sent.isEquivalent(to: try SIPURI(parsing: "sip:probe@10.77.1.2:5060")))
        #expect(!sent.isEquivalent(to: try SIPURI(parsing: "sip:probe@198.18.0.12")))
    }

    @Test func bareLineFeedsAndLeadingKeepAlivesAreAccepted() throws {
        let message = try SIPMessage(parsing: Array("\r\n\r\nSIP/2.0 404 Not Found\nCSeq: 2 OPTIONS\nl: 0\n\n".utf8))
        #expect(message.statusCode == 404)
        #expect(try message.cseq()?.number == 2)
        #expect(message.header("content-length") == "0")
    }

    @Test func datagramBodyIsCutToContentLength() throws {
        let message = try SIPMessage(parsing: Array("SIP/2.0 200 OK\r\nl: 3\r\n\r\nabcdef".utf8))
        #expect(message.body == Array("abc".utf8))
    }

    @Test(arguments: [
        "", "garbage", "HTTP/1.1 200 OK\r\n\r\n", "SIP/2.0 20 OK\r\n\r\n", "SIP/2.0 700 Bad\r\n\r\n",
        "SIP/2.0 200 OK\r\nno colon here\r\n\r\n", "SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n",
        "SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nshort", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP\r\n",
        "OPTIONS sip:x SIP/3.0\r\n\r\n", "OPTIONS nouri SIP/2.0\r\n\r\n", "SIP/2.0 200 OK\r\nbad name: x\r\n\r\n",
    ])
    func malformedMessagesThrow(_ text: String) {
        #expect(throws: WireError.self) { try SIPMessage(parsing: Array(text.utf8)) }
    }

    @Test(arguments: [
        "SIP/2.0/UDP", "SIP/2.0/UDP [::1", "SIP/2.0/UDP 1.2.3.4:99999", "SIP/3.0/UDP h", "SIP/2.0/UDP a:b:c",
        "SIP/2.0/U@P h", "SIP/2.0/UDP [1.2.3.4]:5060", "SIP/2.0/UDP :5060",
    ])
    func malformedViasThrow(_ text: String) {
        #expect(throws: WireError.self) { try SIPVia(parsing: text) }
    }

    @Test func malformedValuesThrow() {
        #expect(throws: WireError.self) { try SIPCSeq(parsing: "one OPTIONS") }
        #expect(throws: WireError.self) { try SIPCSeq(parsing: "4294967295 OPTIONS") }
        #expect(throws: WireError.self) { try SIPNameAddress(parsing: "\"x\" <sip:a@b") }
        #expect(throws: WireError.self) { try SIPNameAddress(parsing: "<sip:a@b> junk") }
        #expect(throws: WireError.self) { try SIPURI(parsing: "no-scheme") }
    }

    @Test func everyTruncationAndByteFlipOfAResponseIsHandled() async throws {
        let valid = Self.bytes(
            """
            SIP/2.0 200 OK
            v: SIP/2.0/TCP [fd77::2]:5060;branch=z9hG4bKx;received=fd77::3;rport=1
            f: "A \\" <sip:a@b>;tag=1
            t: <sip:c@d>
            i: id
            CSeq: 1 OPTIONS
            c: message/sipfrag
            l: 5

            OPTIO
            """)
        await offThePool {
            for end in 0...valid.count {
                // Every prefix either parses or throws; parsing the parts of what parsed never traps.
                if let message = try? SIPMessage(parsing: Array(valid[..<end])) {
                    _ = try? message.vias()
                    _ = try? message.nameAddress("from")
                    _ = try? message.cseq()
                    _ = SIPRewriteCheck.echoedRequest(in: message)
                }
            }
            var generator = SplitMix64(seed: 4475)
            for _ in 0..<2000 {
                var mutated = valid
                for _ in 0..<3 {
                    mutated[Int(generator.next() % UInt64(mutated.count))] = UInt8(generator.next() & 0xFF)
                }
                if let message = try? SIPMessage(parsing: mutated) {
                    _ = try? message.vias()
                    _ = try? message.nameAddress("to")
                    _ = SIPRewriteCheck.echoedRequest(in: message)
                }
            }
        }
    }
}

extension String {
    /// LF line ends as CRLF, as on the wire.
    func replacingLineEnds() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }

    /// Every `target` replaced by `replacement`, without Foundation.
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
