/// Presentation text of raw IPv4 / IPv6 addresses, without the C library (this module stays pure).
public enum IPAddressText {
    /// `198.18.0.2` for 4 bytes; RFC 5952 text (`fd77:ff::2`) for 16; hex otherwise.
    public static func format(_ bytes: [UInt8]) -> String {
        switch bytes.count {
        case 4: return bytes.map(String.init).joined(separator: ".")
        case 16: return formatIPv6(bytes)
        default: return bytes.map { String($0, radix: 16) }.joined(separator: ":")
        }
    }

    private static func formatIPv6(_ bytes: [UInt8]) -> String {
        let groups = (0..<8).map { UInt16(bytes[$0 * 2]) << 8 | UInt16(bytes[$0 * 2 + 1]) }
        // The longest run of two or more zero groups (the first one on a tie) becomes "::".
        var best: Range<Int>?
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8 && groups[end] == 0 { end += 1 }
            if end - index >= 2 && (best == nil || end - index > best!.count) { best = index..<end }
            index = end
        }
        if groups[0..<6].allSatisfy({ $0 == 0 }) == false, groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
            return "::ffff:" + bytes[12...].map(String.init).joined(separator: ".")
        }
        func hex(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        guard let best else { return hex(0..<8) }
        return hex(0..<best.lowerBound) + "::" + hex(best.upperBound..<8)
    }
}
