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

    /// A stream of messages (keep-alives, LF-only heads, a body, a CRLF LF head end) comes out the same however
    /// it is cut into reads: the framer resumes its search for the blank line instead of starting over, and that
    /// must not miss a head end split across two reads.
    @Test func everyReadSizeGivesTheSameMessages() throws {
        let lfOnly = Array("SIP/2.0 180 Ringing\nCSeq: 1 OPTIONS\nl: 2\n\nhi".utf8)
        let mixedEnd = Array("SIP/2.0 183 Progress\r\nCSeq: 1 OPTIONS\n\r\n".utf8)
        let stream =
            Array("\r\n".utf8) + Self.first + Array("\r\n\r\n".utf8) + Self.second + lfOnly + mixedEnd + Self.first
        let expected = [Self.first, Self.second, lfOnly, mixedEnd, Self.first]
        for readSize in 1...stream.count {
            var framer = SIPStreamFramer()
            var messages: [[UInt8]] = []
            for start in stride(from: 0, to: stream.count, by: readSize) {
                framer.append(stream[start..<min(start + readSize, stream.count)])
                while let message = try framer.nextMessage() { messages.append(message) }
            }
            #expect(messages == expected, "read size \(readSize)")
            #expect(framer.buffered.isEmpty && !framer.hasPartialMessage, "read size \(readSize)")
        }
    }

    /// A head whose body is still arriving is a partial message, taken whole (short) when the peer stops.
    @Test func partialBodyIsKeptAcrossReadsAndTaken() throws {
        var framer = SIPStreamFramer()
        framer.append(Self.first + Array("SIP/2.0 200 OK\r\nl: 10\r\n\r\nab".utf8))
        #expect(try framer.nextMessage() == Self.first)
        #expect(try framer.nextMessage() == nil)
        #expect(framer.hasPartialMessage)
        framer.append(Array("cd".utf8))
        #expect(try framer.nextMessage() == nil)
        #expect(framer.buffered == Array("SIP/2.0 200 OK\r\nl: 10\r\n\r\nabcd".utf8))
        #expect(framer.takePartialMessage() == Array("SIP/2.0 200 OK\r\nl: 10\r\n\r\nabcd".utf8))
        #expect(framer.buffered.isEmpty && !framer.hasPartialMessage)
        framer.append(Self.first)
        #expect(try framer.nextMessage() == Self.first)
    }

    /// Many small messages in one read, then a head without its end: what is not returned stays buffered (the
    /// storage is compacted as messages are taken from its front).
    @Test func manyMessagesInOneReadLeaveTheRestBuffered() throws {
        var framer = SIPStreamFramer()
        let count = 500
        framer.append(Array((0..<count).map { _ in Self.first }.joined()) + Array("SIP/2.0 200".utf8))
        var taken = 0
        while let message = try framer.nextMessage() {
            #expect(message == Self.first)
            taken += 1
        }
        #expect(taken == count)
        #expect(framer.buffered == Array("SIP/2.0 200".utf8))
        #expect(!framer.hasPartialMessage)
    }
}
