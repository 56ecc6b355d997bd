/// A STUN message (RFC 8489 section 5): a 20-byte header and type-length-value attributes.
///
/// Decoding checks the header's fixed bits, the magic cookie, that the length matches and that
/// every attribute fits; attribute values are kept as bytes for the typed helpers to read.
public struct STUNMessage: Sendable, Equatable {
    /// RFC 8489: the magic cookie in every message since RFC 5389.
    public static let magicCookie: UInt32 = 0x2112_A442
    public static let bindingRequest: UInt16 = 0x0001
    public static let bindingSuccess: UInt16 = 0x0101

    /// One attribute: its type and raw value (without padding).
    public struct Attribute: Sendable, Equatable {
        public var type: UInt16
        public var value: [UInt8]

        public init(type: UInt16, value: [UInt8]) {
            self.type = type
            self.value = value
        }

        public static let mappedAddress: UInt16 = 0x0001
        public static let xorMappedAddress: UInt16 = 0x0020
        public static let software: UInt16 = 0x8022
    }

    public var type: UInt16
    public var transactionID: [UInt8]
    public var attributes: [Attribute]

    public init(type: UInt16, transactionID: [UInt8], attributes: [Attribute] = []) {
        self.type = type
        self.transactionID = transactionID
        self.attributes = attributes
    }

    /// True when `bytes` look like STUN (first two bits zero and the magic cookie), cheaply,
    /// so a server can tell STUN from other traffic on the same port (RFC 8489 section 7).
    public static func looksLikeSTUN(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 20 && bytes[0] & 0xC0 == 0 && bytes[4] == 0x21 && bytes[5] == 0x12 && bytes[6] == 0xA4
            && bytes[7] == 0x42
    }

    public init(decoding bytes: [UInt8]) throws(WireError) {
        guard Self.looksLikeSTUN(bytes) else { throw .malformed("not a STUN message") }
        var reader = WireReader(bytes)
        type = try reader.readUInt16()
        let length = Int(try reader.readUInt16())
        _ = try reader.readUInt32()  // cookie, checked above
        transactionID = Array(try reader.readBytes(12))
        guard length % 4 == 0, length == reader.remaining else {
            throw .malformed("STUN length \(length) does not match the \(reader.remaining) bytes after the header")
        }
        var attributes: [Attribute] = []
        while reader.remaining > 0 {
            let attributeType = try reader.readUInt16()
            let attributeLength = Int(try reader.readUInt16())
            let value = Array(try reader.readBytes(attributeLength))
            _ = try reader.readBytes((4 - attributeLength % 4) % 4)  // padding to 32 bits
            attributes.append(Attribute(type: attributeType, value: value))
        }
        try Self.checkFingerprint(bytes, attributes: attributes)
        self.attributes = attributes
    }

    public func encoded() -> [UInt8] {
        var body: [UInt8] = []
        for attribute in attributes {
            body += [UInt8(attribute.type >> 8), UInt8(attribute.type & 0xFF)]
            body += [UInt8(attribute.value.count >> 8), UInt8(attribute.value.count & 0xFF)]
            body += attribute.value
            body += [UInt8](repeating: 0, count: (4 - attribute.value.count % 4) % 4)
        }
        var bytes: [UInt8] = [UInt8(type >> 8), UInt8(type & 0xFF), UInt8(body.count >> 8), UInt8(body.count & 0xFF)]
        bytes += [0x21, 0x12, 0xA4, 0x42]
        bytes += transactionID
        return bytes + body
    }

    /// The first attribute of `type`, if any.
    public func attribute(_ type: UInt16) -> Attribute? { attributes.first { $0.type == type } }
}
