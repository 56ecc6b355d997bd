/// An ICMP or ICMPv6 echo request or reply (RFC 792, RFC 4443): the `icmp:` probe's wire format.
public struct ICMPEcho: Sendable, Equatable {
    /// ICMPv4 echo request / reply types, and ICMPv6's.
    public static let requestV4: UInt8 = 8
    public static let replyV4: UInt8 = 0
    public static let requestV6: UInt8 = 128
    public static let replyV6: UInt8 = 129

    public var type: UInt8
    public var code: UInt8
    public var identifier: UInt16
    public var sequence: UInt16
    public var payload: [UInt8]

    public init(type: UInt8, code: UInt8 = 0, identifier: UInt16, sequence: UInt16, payload: [UInt8]) {
        self.type = type
        self.code = code
        self.identifier = identifier
        self.sequence = sequence
        self.payload = payload
    }

    /// The message with its Internet checksum filled in (ICMPv6's kernel-computed checksum
    /// overwrites it, which is harmless).
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = [type, code, 0, 0]
        bytes += [UInt8(identifier >> 8), UInt8(identifier & 0xFF), UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        bytes += payload
        let sum = Self.internetChecksum(bytes)
        bytes[2] = UInt8(sum >> 8)
        bytes[3] = UInt8(sum & 0xFF)
        return bytes
    }

    /// Decodes an ICMP message; `skippingIPv4Header` strips the IPv4 header a raw socket delivers.
    public init(decoding bytes: [UInt8], skippingIPv4Header: Bool = false) throws(WireError) {
        var reader = WireReader(bytes)
        if skippingIPv4Header {
            let versionAndLength = try reader.readUInt8()
            guard versionAndLength >> 4 == 4 else { throw .malformed("not an IPv4 header") }
            let headerLength = Int(versionAndLength & 0x0F) * 4
            guard headerLength >= 20 else { throw .malformed("IPv4 header length \(headerLength)") }
            _ = try reader.readBytes(headerLength - 1)
        }
        type = try reader.readUInt8()
        code = try reader.readUInt8()
        _ = try reader.readUInt16()  // checksum: the kernel has verified it
        identifier = try reader.readUInt16()
        sequence = try reader.readUInt16()
        payload = Array(try reader.readBytes(reader.remaining))
    }

    /// RFC 1071 one's-complement sum of 16-bit words.
    public static func internetChecksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum += UInt32(bytes[index]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }
}
