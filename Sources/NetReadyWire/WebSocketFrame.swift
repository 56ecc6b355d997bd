/// One RFC 6455 frame (section 5.2): FIN, opcode and payload; client frames are masked.
public struct WebSocketFrame: Sendable, Equatable {
    /// The frame types netready sends or understands.
    public enum Opcode: UInt8, Sendable {
        case continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA
    }

    /// The most a frame's payload may take here: a SIP message is far smaller.
    public static let maxPayloadBytes = 1 << 20

    /// Whether this is the last frame of a message.
    public var isFinal: Bool
    /// The frame type.
    public var opcode: Opcode
    /// The payload, unmasked.
    public var payload: [UInt8]

    /// A frame of `opcode` carrying `payload`.
    public init(opcode: Opcode, payload: [UInt8], isFinal: Bool = true) {
        self.isFinal = isFinal
        self.opcode = opcode
        self.payload = payload
    }

    /// The frame on the wire; `maskKey` (4 bytes) masks it, as every client-to-server frame must be.
    public func encoded(maskKey: [UInt8]?) -> [UInt8] {
        var bytes: [UInt8] = [(isFinal ? 0x80 : 0) | opcode.rawValue]
        let maskBit: UInt8 = maskKey == nil ? 0 : 0x80
        switch payload.count {
        case ..<126:
            bytes.append(maskBit | UInt8(payload.count))
        case ..<65536:
            bytes.append(maskBit | 126)
            bytes += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default:
            bytes.append(maskBit | 127)
            bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(payload.count) >> ($0 * 8)) }
        }
        guard let maskKey, maskKey.count == 4 else { return bytes + payload }
        return bytes + maskKey + payload.enumerated().map { $0.element ^ maskKey[$0.offset % 4] }
    }

    /// Decodes the first frame in `bytes`.
    ///
    /// - Returns: the frame and how many bytes it took, or nil when `bytes` does not yet hold all of it.
    /// - Throws: `WireError.malformed` for reserved bits, an unknown opcode, a control frame longer than 125
    ///   bytes or fragmented, or a payload above ``maxPayloadBytes``.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> (frame: WebSocketFrame, length: Int)? {
        var reader = WireReader(bytes)
        do throws(WireError) {
            let first = try reader.readUInt8()
            let second = try reader.readUInt8()
            guard first & 0x70 == 0 else { throw WireError.malformed("reserved bits set in a WebSocket frame") }
            guard let opcode = Opcode(rawValue: first & 0x0F) else {
                throw WireError.malformed("unknown WebSocket opcode \(first & 0x0F)")
            }
            let isFinal = first & 0x80 != 0
            var length = UInt64(second & 0x7F)
            if length == 126 {
                length = UInt64(try reader.readUInt16())
            } else if length == 127 {
                length = UInt64(try reader.readUInt32()) << 32 | UInt64(try reader.readUInt32())
            }
            if opcode.rawValue >= 0x8 && (length > 125 || !isFinal) {
                throw WireError.malformed("bad WebSocket control frame")
            }
            guard length <= UInt64(maxPayloadBytes) else {
                throw WireError.malformed("WebSocket frame of \(length) bytes")
            }
            let maskKey = second & 0x80 != 0 ? Array(try reader.readBytes(4)) : nil
            var payload = Array(try reader.readBytes(Int(length)))
            if let maskKey {
                for index in payload.indices { payload[index] ^= maskKey[index % 4] }
            }
            return (WebSocketFrame(opcode: opcode, payload: payload, isFinal: isFinal), reader.offset)
        } catch {
            if error.isTruncated { return nil }
            throw error
        }
    }
}
