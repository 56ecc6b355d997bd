/// An address in a (XOR-)MAPPED-ADDRESS attribute (RFC 8489 sections 14.1 and 14.2), as the
/// raw 4- or 16-byte address and a port: this module stays free of socket types.
public struct STUNAddress: Sendable, Equatable {
    public var address: [UInt8]
    public var port: UInt16

    public init(address: [UInt8], port: UInt16) {
        self.address = address
        self.port = port
    }

    /// XOR-MAPPED-ADDRESS value: the port XORed with the cookie's top half, the address with the
    /// cookie (IPv4) or the cookie followed by the transaction ID (IPv6).
    public func xorEncoded(transactionID: [UInt8]) -> [UInt8] {
        let family: UInt8 = address.count == 4 ? 0x01 : 0x02
        let xoredPort = port ^ UInt16(STUNMessage.magicCookie >> 16)
        let mask = Self.mask(transactionID: transactionID)
        return [0, family, UInt8(xoredPort >> 8), UInt8(xoredPort & 0xFF)]
            + address.enumerated().map { $0.element ^ mask[$0.offset] }
    }

    /// Reads an XOR-MAPPED-ADDRESS value.
    public init(xorDecoding value: [UInt8], transactionID: [UInt8]) throws(WireError) {
        try Self.checkFamilyAndLength(value)
        let mask = Self.mask(transactionID: transactionID)
        port = (UInt16(value[2]) << 8 | UInt16(value[3])) ^ UInt16(STUNMessage.magicCookie >> 16)
        address = value[4...].enumerated().map { $0.element ^ mask[$0.offset] }
    }

    private static func mask(transactionID: [UInt8]) -> [UInt8] {
        [0x21, 0x12, 0xA4, 0x42] + transactionID
    }
}
