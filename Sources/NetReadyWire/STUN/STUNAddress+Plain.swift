extension STUNAddress {
    /// MAPPED-ADDRESS-style value (RFC 8489 section 14.1), also used by OTHER-ADDRESS and
    /// RESPONSE-ORIGIN (RFC 5780): a reserved byte, the family, the port and the address, in clear.
    public func plainEncoded() -> [UInt8] {
        let family: UInt8 = address.count == 4 ? 0x01 : 0x02
        return [0, family, UInt8(port >> 8), UInt8(port & 0xFF)] + address
    }

    /// Reads a MAPPED-ADDRESS-style value.
    public init(plainDecoding value: [UInt8]) throws(WireError) {
        try Self.checkFamilyAndLength(value)
        self.init(address: Array(value[4...]), port: UInt16(value[2]) << 8 | UInt16(value[3]))
    }

    /// Checks an address attribute value's header: at least 8 bytes, family 1 (IPv4, 4 address
    /// bytes) or 2 (IPv6, 16), and a value exactly that long.
    static func checkFamilyAndLength(_ value: [UInt8]) throws(WireError) {
        guard value.count >= 8 else { throw .truncated(at: 0, wanted: 8) }
        let length: Int
        switch value[1] {
        case 0x01: length = 4
        case 0x02: length = 16
        default: throw .malformed("address family \(value[1])")
        }
        guard value.count == 4 + length else { throw .malformed("address length \(value.count - 4)") }
    }

    /// The address as text: dotted quad for IPv4, RFC 5952 style groups for IPv6.
    public var addressText: String {
        if address.count == 4 { return address.map(String.init).joined(separator: ".") }
        guard address.count == 16 else { return address.map { String($0, radix: 16) }.joined(separator: ":") }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]) }
        // RFC 5952 4.2: the longest run of two or more zero groups becomes "::".
        var best: Range<Int>? = nil
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < groups.count, groups[end] == 0 { end += 1 }
            if end - index >= 2, end - index > (best?.count ?? 0) { best = index..<end }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let run = best else { return hex.joined(separator: ":") }
        return hex[..<run.lowerBound].joined(separator: ":") + "::" + hex[run.upperBound...].joined(separator: ":")
    }

    /// `IP:PORT` for IPv4, `[IP]:PORT` for IPv6, the form the report uses for endpoints.
    public var endpointText: String {
        address.count == 4 ? "\(addressText):\(port)" : "[\(addressText)]:\(port)"
    }
}
