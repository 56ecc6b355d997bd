import Testing

@testable import NetReadyWire

@Suite(.timeLimit(.minutes(3))) struct STUNMessageTests {
    let transaction: [UInt8] = [0xB7, 0xE7, 0xA7, 0x01, 0xBC, 0x34, 0xD6, 0x86, 0xFA, 0x87, 0xDF, 0xAE]

    @Test func xorMappedAddressMatchesRFC5769SampleIPv4() throws {
        // RFC 5769 2.2: 192.0.2.1 port 32853 is carried as 0x0001 0xA147 0xE112A643.
        let value: [UInt8] = [0x00, 0x01, 0xA1, 0x47, 0xE1, 0x12, 0xA6, 0x43]
        let decoded = try STUNAddress(xorDecoding: value, transactionID: transaction)
        #expect(decoded == STUNAddress(address: [192, 0, 2, 1], port: 32853))
        #expect(decoded.xorEncoded(transactionID: transaction) == value)
    }

    @Test func ipv6RoundTrip() throws {
        let address = STUNAddress(address: [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 7, count: 12), port: 3478)
        #expect(
            try STUNAddress(xorDecoding: address.xorEncoded(transactionID: transaction), transactionID: transaction)
                == address)
    }

    @Test func messageRoundTripWithPadding() throws {
        let message = STUNMessage(
            type: STUNMessage.bindingSuccess, transactionID: transaction,
            attributes: [
                .init(type: STUNMessage.Attribute.software, value: Array("netready".utf8) + [0x21]),
                .init(
                    type: STUNMessage.Attribute.xorMappedAddress,
                    value: STUNAddress(address: [198, 18, 0, 11], port: 40000).xorEncoded(transactionID: transaction)),
            ])
        let bytes = message.encoded()
        #expect(bytes.count % 4 == 0)
        #expect(STUNMessage.looksLikeSTUN(bytes))
        #expect(try STUNMessage(decoding: bytes) == message)
    }

    @Test(arguments: [
        [UInt8](),
        [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 11),  // short header
        [0xC0, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12),  // top bits set
        [0x00, 0x01, 0x00, 0x08, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12),  // length past end
        [0x00, 0x01, 0x00, 0x04, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12) + [0, 1, 0, 9],  // overrun
    ])
    func malformedInputThrows(bytes: [UInt8]) {
        #expect(throws: WireError.self) { try STUNMessage(decoding: bytes) }
    }
}
