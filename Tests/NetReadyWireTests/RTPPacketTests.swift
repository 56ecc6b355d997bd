import Testing

@testable import NetReadyWire

@Suite(.timeLimit(.minutes(3))) struct RTPPacketTests {
    @Test func roundTripOfAG711Packet() throws {
        let packet = RTPPacket(
            payloadType: 0, sequenceNumber: 65535, timestamp: 160 * 7, ssrc: 0xDEAD_BEEF,
            payload: [UInt8](repeating: 0xFF, count: 160))
        let bytes = packet.encoded()
        #expect(bytes.count == 172)
        #expect(bytes[0] == 0x80)
        #expect(try RTPPacket(decoding: bytes) == packet)
    }

    @Test func skipsCSRCsExtensionAndPadding() throws {
        // V=2, P=1, X=1, CC=1; PT 0; seq 1; ts 2; ssrc 3; one CSRC; extension of one word; payload AB; 2 bytes padding.
        let bytes: [UInt8] = [
            0xB1, 0x00, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 9, 9, 9, 9, 0xBE, 0xDE, 0, 1, 7, 7, 7, 7,
            0xAB, 0, 2,
        ]
        let packet = try RTPPacket(decoding: bytes)
        #expect(packet.sequenceNumber == 1 && packet.timestamp == 2 && packet.ssrc == 3)
        #expect(packet.payload == [0xAB])
    }

    @Test(arguments: [
        [UInt8](), [0x80, 0], [0x40] + [UInt8](repeating: 0, count: 11), [0x8F] + [UInt8](repeating: 0, count: 11),
        [0xA0] + [UInt8](repeating: 0, count: 11) + [5],
    ])
    func malformedInputThrows(bytes: [UInt8]) {
        #expect(throws: WireError.self) { try RTPPacket(decoding: bytes) }
    }
}
