/// A CHANGE-REQUEST value (RFC 5780 section 7.2): ask the server to answer from its other
/// address and/or port, to probe the NAT's filtering behaviour.
public struct STUNChangeRequest: Sendable, Equatable {
    public var changeIP: Bool
    public var changePort: Bool

    /// The two flags.
    public init(changeIP: Bool, changePort: Bool) {
        self.changeIP = changeIP
        self.changePort = changePort
    }

    /// The 32-bit flags: change IP is 0x4, change port 0x2.
    public func encoded() -> [UInt8] {
        [0, 0, 0, (changeIP ? 0x04 : 0) | (changePort ? 0x02 : 0)]
    }

    /// Reads the 4-byte flags.
    public init(decoding value: [UInt8]) throws(WireError) {
        guard value.count == 4 else { throw .malformed("CHANGE-REQUEST length \(value.count)") }
        changeIP = value[3] & 0x04 != 0
        changePort = value[3] & 0x02 != 0
    }
}
