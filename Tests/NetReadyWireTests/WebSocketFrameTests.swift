import Testing

@testable import NetReadyWire

/// RFC 6455 framing, with the examples of section 5.7.
@Suite(.timeLimit(.minutes(3))) struct WebSocketFrameTests {
    @Test func rfcExamplesDecode() throws {
        let unmasked: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
        let masked: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        for bytes in [unmasked, masked] {
            let (frame, length) = try #require(try WebSocketFrame.decode(bytes))
            #expect(frame == WebSocketFrame(opcode: .text, payload: Array("Hello".utf8)))
            #expect(length == bytes.count)
        }
        let hello = WebSocketFrame(opcode: .text, payload: Array("Hello".utf8))
        #expect(hello.encoded(maskKey: [0x37, 0xFA, 0x21, 0x3D]) == masked)
        #expect(hello.encoded(maskKey: nil) == unmasked)
    }

    @Test func lengthsOf126AndAbove() throws {
        for count in [125, 126, 256, 65535, 65536] {
            let frame = WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 7, count: count))
            let bytes = frame.encoded(maskKey: [1, 2, 3, 4])
            let (decoded, length) = try #require(try WebSocketFrame.decode(bytes + [0x81]))
            #expect(decoded == frame && length == bytes.count)
            #expect(try WebSocketFrame.decode(Array(bytes.dropLast())) == nil)
        }
    }

    @Test(arguments: [
        [0xC1, 0x00] as [UInt8], [0x83, 0x00], [0x89, 0x7E, 0x00, 0x80], [0x09, 0x00],
        [0x82, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
    ])
    func badFramesThrow(_ bytes: [UInt8]) {
        #expect(throws: WireError.self) { try WebSocketFrame.decode(bytes) }
    }
}
