import Testing

@testable import NetReadyWire

@Suite(.timeLimit(.minutes(3))) struct ICMPEchoTests {
    @Test func checksumOfAKnownMessage() {
        // RFC 1071's example words 0x0001 0xf203 0xf4f5 0xf6f7 sum to 0xddf2; the checksum is its complement.
        #expect(ICMPEcho.internetChecksum([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]) == ~UInt16(0xDDF2))
    }

    @Test func encodedMessageVerifiesToZero() {
        let echo = ICMPEcho(type: ICMPEcho.requestV4, identifier: 0x1234, sequence: 7, payload: Array("netready".utf8))
        #expect(ICMPEcho.internetChecksum(echo.encoded()) == 0)
    }

    @Test func roundTrip() throws {
        let echo = ICMPEcho(type: ICMPEcho.replyV6, identifier: 9, sequence: 65535, payload: [1, 2, 3])
        #expect(try ICMPEcho(decoding: echo.encoded()) == echo)
    }

    @Test func skipsAnIPv4Header() throws {
        let echo = ICMPEcho(type: ICMPEcho.replyV4, identifier: 1, sequence: 2, payload: [])
        let header: [UInt8] = [0x45] + [UInt8](repeating: 0, count: 19)
        #expect(try ICMPEcho(decoding: header + echo.encoded(), skippingIPv4Header: true) == echo)
    }

    @Test(arguments: [
        [UInt8](), [8, 0, 0], [0x45, 0, 0], [0x46] + [UInt8](repeating: 0, count: 22), [0x41, 0, 0, 0],
    ])
    func truncatedOrMalformedInputThrows(bytes: [UInt8]) {
        #expect(throws: WireError.self) {
            try ICMPEcho(decoding: bytes, skippingIPv4Header: bytes.first.map { $0 >> 4 == 4 } ?? false)
        }
    }
}
