import Testing

@testable import NetReadyWire

/// The OPTIONS request netready sends and how its answer is matched.
@Suite(.timeLimit(.minutes(3))) struct SIPOptionsRequestTests {
    static let request = SIPOptionsRequest(
        targetURI: "sip:198.18.0.2:5060;transport=tcp", transport: "TCP",
        sentBy: SIPHostPort(host: "10.77.1.2", port: 40001), branch: "z9hG4bKabc123", fromTag: "t1",
        callID: "cid@10.77.1.2")

    @Test func requestCarriesTheRFC3261Headers() throws {
        let bytes = Self.request.message.serialized()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("OPTIONS sip:198.18.0.2:5060;transport=tcp SIP/2.0\r\n"))
        #expect(text.hasSuffix("Content-Length: 0\r\n\r\n"))
        let parsed = try SIPMessage(parsing: bytes)
        let via = try #require(try parsed.vias().first)
        #expect(via.description == "SIP/2.0/TCP 10.77.1.2:40001;branch=z9hG4bKabc123;rport")
        #expect(parsed.header("max-forwards") == "70")
        #expect(try parsed.nameAddress("from")?.tag == "t1")
        #expect(try parsed.nameAddress("to")?.tag == nil)
        #expect(parsed.header("contact") == "<sip:netready@10.77.1.2:40001;transport=tcp>")
        #expect(parsed.header("accept") == "application/sdp")
        #expect(parsed.header("user-agent") == "netready")
        #expect(try parsed.cseq() == SIPCSeq(number: 1, method: "OPTIONS"))
    }

    @Test func freshIdentifiersDifferAndCarryTheCookie() {
        let sentBy = SIPHostPort(host: "fd77:1::2", port: 5060)
        let one = SIPOptionsRequest.random(targetURI: "sip:[fd77:ff::2]", transport: "UDP", sentBy: sentBy)
        let two = SIPOptionsRequest.random(targetURI: "sip:[fd77:ff::2]", transport: "UDP", sentBy: sentBy)
        #expect(one.branch.hasPrefix("z9hG4bK") && one.branch != two.branch)
        #expect(one.callID != two.callID && one.fromTag != two.fromTag)
        #expect(one.from.hasPrefix("<sip:netready@[fd77:1::2]>;tag="))
        #expect(one.contact == "<sip:netready@[fd77:1::2]:5060>")
    }

    @Test func answerMatchesByBranchAndMethod() throws {
        func response(branch: String, cseq: String, status: String = "200 OK") throws -> SIPMessage {
            try SIPMessage(
                parsing: Array(
                    "SIP/2.0 \(status)\r\nVia: SIP/2.0/TCP 10.77.1.2:40001;branch=\(branch)\r\nCSeq: \(cseq)\r\n\r\n"
                        .utf8))
        }
        #expect(Self.request.isAnswered(by: try response(branch: "z9hG4bKabc123", cseq: "1 OPTIONS")))
        #expect(Self.request.isAnswered(by: try response(branch: "z9hG4bKabc123", cseq: "1 OPTIONS", status: "100 x")))
        #expect(!Self.request.isAnswered(by: try response(branch: "z9hG4bKother", cseq: "1 OPTIONS")))
        #expect(!Self.request.isAnswered(by: try response(branch: "z9hG4bKabc123", cseq: "1 INVITE")))
        #expect(!Self.request.isAnswered(by: Self.request.message))
    }
}
