/// Attribute types and CHANGE-REQUEST flags the STUN prober reads, until the full STUN/TURN codec names them.
enum STUNAttributeType {
    /// ERROR-CODE (RFC 8489 section 14.8).
    static let errorCode: UInt16 = 0x0009
    /// CHANGE-REQUEST (RFC 5780 section 7.2).
    static let changeRequest: UInt16 = 0x0003
    /// RESPONSE-ORIGIN (RFC 5780 section 7.3).
    static let responseOrigin: UInt16 = 0x802B
    /// OTHER-ADDRESS (RFC 5780 section 7.4).
    static let otherAddress: UInt16 = 0x802C

    /// A CHANGE-REQUEST value: 32 bits with "change IP" (0x4) and "change port" (0x2).
    static func changeRequestValue(changeIP: Bool, changePort: Bool) -> [UInt8] {
        [0, 0, 0, (changeIP ? 0x04 : 0) | (changePort ? 0x02 : 0)]
    }
}
