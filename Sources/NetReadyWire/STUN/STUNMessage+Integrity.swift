/// MESSAGE-INTEGRITY (RFC 8489 section 14.5) and FINGERPRINT (section 14.7) on raw bytes.
///
/// Both are computed over the message as sent, so they work on bytes rather than on a decoded
/// `STUNMessage`: a peer's padding may be non-zero (RFC 5769 pads with spaces), and re-encoding
/// would change what was signed.
extension STUNMessage {
    /// The value FINGERPRINT's CRC-32 is XORed with ("STUN" in ASCII).
    public static let fingerprintXOR: UInt32 = 0x5354_554E

    /// The encoded message followed by MESSAGE-INTEGRITY under `integrityKey` (when given) and
    /// then FINGERPRINT (when `fingerprint` is true), in the order RFC 8489 requires.
    public func encoded(integrityKey: [UInt8]?, fingerprint: Bool = false) -> [UInt8] {
        var bytes = encoded()
        if let integrityKey { bytes = Self.appendingIntegrity(to: bytes, key: integrityKey) }
        if fingerprint { bytes = Self.appendingFingerprint(to: bytes) }
        return bytes
    }

    /// `bytes` (an encoded message) with a MESSAGE-INTEGRITY attribute under `key` appended and
    /// the header length updated. The HMAC covers the header, with a length that already counts
    /// the 24-byte attribute, and everything before the attribute.
    public static func appendingIntegrity(to bytes: [UInt8], key: [UInt8]) -> [UInt8] {
        var signed = bytes
        setLength(&signed, signed.count - 20 + 24)
        let mac = LibCrypto.hmacSHA1(key: key, message: signed)
        return signed + [UInt8(Attribute.messageIntegrity >> 8), UInt8(Attribute.messageIntegrity & 0xFF), 0, 20] + mac
    }

    /// `bytes` (an encoded message) with a FINGERPRINT attribute appended and the header length
    /// updated: CRC-32 of everything before it, length included, XOR 0x5354554E.
    public static func appendingFingerprint(to bytes: [UInt8]) -> [UInt8] {
        var covered = bytes
        setLength(&covered, covered.count - 20 + 8)
        let crc = CRC32.checksum(covered) ^ fingerprintXOR
        return covered + [UInt8(Attribute.fingerprint >> 8), UInt8(Attribute.fingerprint & 0xFF), 0, 4]
            + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> $0) }
    }

    /// True when `bytes` carry a MESSAGE-INTEGRITY attribute whose HMAC-SHA1 under `key` matches.
    /// False when it is absent, truncated or wrong; never traps on hostile input.
    public static func hasValidIntegrity(_ bytes: [UInt8], key: [UInt8]) -> Bool {
        guard let offset = attributeOffset(of: Attribute.messageIntegrity, in: bytes), offset + 24 <= bytes.count,
            bytes[offset + 2] == 0, bytes[offset + 3] == 20
        else { return false }
        var signed = Array(bytes[0..<offset])
        setLength(&signed, offset - 20 + 24)
        let expected = LibCrypto.hmacSHA1(key: key, message: signed)
        let received = bytes[(offset + 4)..<(offset + 24)]
        // Compare every byte so the time taken does not depend on where they differ.
        return expected.count == 20 && zip(expected, received).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Throws unless a FINGERPRINT attribute, when `attributes` hold one, is the last attribute
    /// and matches the CRC-32 of everything before it XOR 0x5354554E (RFC 8489 section 14.7).
    static func checkFingerprint(_ bytes: [UInt8], attributes: [Attribute]) throws(WireError) {
        guard let index = attributes.firstIndex(where: { $0.type == Attribute.fingerprint }) else { return }
        guard index == attributes.count - 1, attributes[index].value.count == 4, bytes.count >= 28 else {
            throw .malformed("FINGERPRINT is not a 4-byte last attribute")
        }
        let received = attributes[index].value.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard CRC32.checksum(bytes[0..<(bytes.count - 8)]) ^ fingerprintXOR == received else {
            throw .malformed("FINGERPRINT does not match")
        }
    }

    /// Where the first attribute of `type` starts in `bytes` (its type field), walking the
    /// attribute headers with bounds checks; nil if absent or the walk runs off the end.
    static func attributeOffset(of type: UInt16, in bytes: [UInt8]) -> Int? {
        var reader = WireReader(bytes, offset: 20)
        while reader.remaining >= 4 {
            let start = reader.offset
            guard let attributeType = try? reader.readUInt16(), let length = try? reader.readUInt16() else {
                return nil
            }
            if attributeType == type { return start }
            guard (try? reader.readBytes((Int(length) + 3) / 4 * 4)) != nil else { return nil }
        }
        return nil
    }

    private static func setLength(_ bytes: inout [UInt8], _ length: Int) {
        guard bytes.count >= 4 else { return }
        bytes[2] = UInt8(truncatingIfNeeded: length >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: length)
    }
}
