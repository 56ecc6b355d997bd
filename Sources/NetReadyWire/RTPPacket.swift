/// An RTP packet (RFC 3550 section 5.1): the fixed 12-byte header and a payload.
public struct RTPPacket: Sendable, Equatable {
    public var payloadType: UInt8
    public var marker: Bool
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    public var payload: [UInt8]

    public init(
        payloadType: UInt8, marker: Bool = false, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
        payload: [UInt8]
    ) {
        self.payloadType = payloadType
        self.marker = marker
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.payload = payload
    }

    /// Version 2, no padding, no extension, no CSRCs.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = [0x80, (marker ? 0x80 : 0) | (payloadType & 0x7F)]
        bytes += [UInt8(sequenceNumber >> 8), UInt8(sequenceNumber & 0xFF)]
        bytes += withUnsafeBytes(of: timestamp.bigEndian, Array.init)
        bytes += withUnsafeBytes(of: ssrc.bigEndian, Array.init)
        return bytes + payload
    }

    /// Decodes a version-2 packet, skipping CSRCs, a header extension and padding as RFC 3550 describes.
    public init(decoding bytes: [UInt8]) throws(WireError) {
        var reader = WireReader(bytes)
        let first = try reader.readUInt8()
        guard first >> 6 == 2 else { throw .malformed("RTP version \(first >> 6)") }
        let second = try reader.readUInt8()
        marker = second & 0x80 != 0
        payloadType = second & 0x7F
        sequenceNumber = try reader.readUInt16()
        timestamp = try reader.readUInt32()
        ssrc = try reader.readUInt32()
        _ = try reader.readBytes(Int(first & 0x0F) * 4)  // CSRC list
        if first & 0x10 != 0 {
            _ = try reader.readUInt16()  // extension profile
            let words = try reader.readUInt16()
            _ = try reader.readBytes(Int(words) * 4)
        }
        var body = Array(try reader.readBytes(reader.remaining))
        if first & 0x20 != 0 {
            guard let padding = body.last, Int(padding) >= 1, Int(padding) <= body.count else {
                throw .malformed("bad RTP padding")
            }
            body.removeLast(Int(padding))
        }
        payload = body
    }
}
