import NetReadyWire
import Testing

/// The DNS codec on well-formed messages: queries, every supported record type, compression both ways.
@Suite(.timeLimit(.minutes(3))) struct DNSMessageTests {
    /// An answer like dnsmasq's for `alias`: a CNAME chain, then the address, with EDNS0.
    static func sampleAnswer() -> DNSMessage {
        let question = DNSQuestion(name: "alias.lab.netready.test", type: .a)
        return DNSMessage(
            header: DNSHeader(id: 0xBEEF, isResponse: true, authoritative: true, recursionAvailable: true),
            questions: [question],
            answers: [
                DNSRecord(
                    name: "alias.lab.netready.test", type: .cname, ttl: 60, data: .cname("alias2.lab.netready.test")),
                DNSRecord(
                    name: "alias2.lab.netready.test", type: .cname, ttl: 60, data: .cname("good.lab.netready.test")),
                DNSRecord(name: "good.lab.netready.test", type: .a, ttl: 60, data: .a([198, 18, 0, 2])),
                DNSRecord(
                    name: "good.lab.netready.test", type: .aaaa, ttl: 60,
                    data: .aaaa([0xfd, 0x77, 0, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2])),
                DNSRecord(
                    name: "_sip._udp.lab.netready.test", type: .srv, ttl: 60,
                    data: .srv(priority: 10, weight: 10, port: 5060, target: "good.lab.netready.test")),
                DNSRecord(
                    name: "txt.lab.netready.test", type: .txt, ttl: 60,
                    data: .txt([Array("v=netready-lab1".utf8), Array("hello from the netready lab".utf8)])),
            ],
            authorities: [
                DNSRecord(name: "lab.netready.test", type: .ns, ttl: 60, data: .ns("ns.lab.netready.test")),
                DNSRecord(
                    name: "lab.netready.test", type: .soa, ttl: 60,
                    data: .soa(
                        primary: "ns.lab.netready.test", mailbox: "hostmaster.lab.netready.test", serial: 7,
                        refresh: 1200, retry: 180, expire: 1_209_600, minimum: 60)),
            ],
            additionals: [DNSRecord.opt(udpPayloadSize: 1232)]
        )
    }

    @Test func everyRecordTypeRoundTrips() throws {
        let message = Self.sampleAnswer()
        let bytes = try message.encoded()
        #expect(try DNSMessage(decoding: bytes) == message)
    }

    @Test func encodingCompressesRepeatedSuffixes() throws {
        let bytes = try Self.sampleAnswer().encoded()
        let uncompressedName = Array("\u{04}good\u{03}lab\u{08}netready\u{04}test\u{00}".utf8)
        let occurrences = (0...(bytes.count - uncompressedName.count)).filter {
            Array(bytes[$0..<$0 + uncompressedName.count]) == uncompressedName
        }
        // Only the SRV target, which RFC 2782 forbids compressing, spells the whole name out.
        #expect(occurrences.count == 1)
        #expect(bytes.count < 330)
    }

    @Test func queryCarriesEDNS0AndRecursionDesired() throws {
        let query = DNSMessage.query(id: 0x1234, question: DNSQuestion(name: "good.lab.netready.test.", type: .aaaa))
        let bytes = try query.encoded()
        #expect(Array(bytes.prefix(12)) == [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1])
        let decoded = try DNSMessage(decoding: bytes)
        #expect(decoded.ednsUDPPayloadSize == 1232)
        #expect(decoded.header.recursionDesired && !decoded.header.isResponse)
        #expect(decoded.questions == [DNSQuestion(name: "good.lab.netready.test", type: .aaaa)])
    }

    @Test func extendedResponseCodeCombinesOPTBits() throws {
        var message = DNSMessage(header: DNSHeader(id: 1, isResponse: true, responseCode: .nameError), questions: [])
        #expect(message.responseCode == .nameError)
        message.additionals = [DNSRecord(name: ".", type: .opt, rawClass: 1232, ttl: 1 << 24, data: .opt([]))]
        #expect(message.responseCode.rawValue == 16 + 3)
    }

    @Test func presentationMatchesDig() {
        let records = Self.sampleAnswer().answers.map(\.data.presentation)
        #expect(
            records == [
                "alias2.lab.netready.test.", "good.lab.netready.test.", "198.18.0.2", "fd77:ff::2",
                "10 10 5060 good.lab.netready.test.", "\"v=netready-lab1\" \"hello from the netready lab\"",
            ])
        #expect(IPAddressText.format([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) == "::")
        #expect(IPAddressText.format([0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]) == "2001:db8::1:0:0:1")
        #expect(IPAddressText.format([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1]) == "::ffff:10.0.0.1")
    }

    @Test func questionsMatchCaseInsensitively() {
        let asked = DNSQuestion(name: "Good.Lab.NetReady.Test", type: .a)
        #expect(asked.matches(DNSQuestion(name: "good.lab.netready.test.", type: .a)))
        #expect(!asked.matches(DNSQuestion(name: "good.lab.netready.test", type: .aaaa)))
        #expect(DNSRecordType(name: "srv") == .srv)
        #expect(DNSRecordType(rawValue: 65).description == "TYPE65")
    }
}
