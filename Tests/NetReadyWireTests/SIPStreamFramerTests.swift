import Testing

@testable import NetReadyWire

/// Cutting SIP messages out of a TCP/TLS byte stream by Content-Length.
@Suite(.timeLimit(.minutes(3))) struct SIPStreamFramerTests {
    static let first = Array("SIP/2.0 100 Trying\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n".utf8)
    static let second = Array("SIP/2.0 200 OK\r\nl: 4\r\nCSeq: 1 OPTIONS\r\n\r\nbody".utf8)

    @Test func messageSplitAcrossReadsComesOutWhole() throws {
        var framer = SIPStreamFramer()
        for (index, byte) in Self.second.enumerated() {
            #expect(try framer.nextMessage() == nil, "complete too early at byte \(index)")
            framer.append([byte])
        }
        let message = try #require(try framer.nextMessage())
        #expect(message == Self.second)
        #expect(try SIPMessage(parsing: message).body == Array("body".utf8))
        #expect(framer.buffered.isEmpty)
    }

    @Test func twoMessagesInOneReadAndKeepAlives() throws {
        var framer = SIPStreamFramer()
        framer.append(Array("\r\n\r\n".utf8) + Self.first + Self.second + Array("SIP/2.0".utf8))
        #expect(try framer.nextMessage() == Self.first)
        #expect(try framer.nextMessage() == Self.second)
        #expect(try framer.nextMessage() == nil)
        #expect(framer.buffered == Array("SIP/2.0".utf8))
    }

    @Test func missingContentLengthMeansNoBody() throws {
        var framer = SIPStreamFramer()
        framer.append(Array("SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\nSIP/2.0".utf8))
        #expect(try framer.nextMessage()?.count == 35)
    }

    @Test func endlessHeadOrBadLengthIsMalformed() throws {
        var endless = SIPStreamFramer()
        endless.append([UInt8](repeating: 0x41, count: SIPMessage.maxBytes + 1))
        #expect(throws: WireError.self) { try endless.nextMessage() }
        var huge = SIPStreamFramer()
        huge.append(Array("SIP/2.0 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n".utf8))
        #expect(throws: WireError.self) { try huge.nextMessage() }
        var negative = SIPStreamFramer()
        negative.append(Array("SIP/2.0 200 OK\r\nl: -4\r\n\r\n".utf8))
        #expect(throws: WireError.self) { try negative.nextMessage() }
    }
}
