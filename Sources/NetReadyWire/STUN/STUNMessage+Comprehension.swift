extension STUNMessage {
    /// The comprehension-required attribute types (below 0x8000) of the IANA STUN registry (RFC 8489 section
    /// 18.3, RFC 3489, RFC 5245, RFC 8656, RFC 6062): an agent may ignore what it does not use among these,
    /// but one outside them is an extension this agent does not understand.
    static let registeredComprehensionRequired: Set<UInt16> = [
        0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0009, 0x000A, 0x000B, 0x000C, 0x000D,
        0x0010, 0x0011, 0x0012, 0x0013, 0x0014, 0x0015, 0x0016, 0x0017, 0x0018, 0x0019, 0x001A, 0x001B, 0x001C,
        0x001D, 0x001E, 0x0020, 0x0022, 0x0024, 0x0025, 0x0026, 0x0027, 0x002A,
    ]

    /// The comprehension-required attributes this agent does not know, in message order. RFC 8489 section
    /// 6.3.3 (success) and 6.3.4 (error response): a response carrying any is a failed transaction.
    public var unknownComprehensionRequired: [UInt16] {
        attributes.map(\.type).filter { $0 < 0x8000 && !Self.registeredComprehensionRequired.contains($0) }
    }
}
