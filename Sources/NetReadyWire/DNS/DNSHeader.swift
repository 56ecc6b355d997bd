/// The fixed 12-byte header of a DNS message (RFC 1035 §4.1.1).
public struct DNSHeader: Sendable, Equatable {
    /// The transaction ID that pairs an answer with its query.
    public var id: UInt16
    /// QR: true in a response.
    public var isResponse: Bool
    /// OPCODE (0 = standard query).
    public var opcode: UInt8
    /// AA: the answer comes from an authoritative server.
    public var authoritative: Bool
    /// TC: the answer did not fit and was cut; ask again over TCP.
    public var truncated: Bool
    /// RD: the client asks the server to recurse.
    public var recursionDesired: Bool
    /// RA: the server offers recursion.
    public var recursionAvailable: Bool
    /// The low four bits of the response code (EDNS0 adds eight more in the OPT record).
    public var responseCode: DNSResponseCode

    public init(
        id: UInt16, isResponse: Bool = false, opcode: UInt8 = 0, authoritative: Bool = false, truncated: Bool = false,
        recursionDesired: Bool = true, recursionAvailable: Bool = false, responseCode: DNSResponseCode = .noError
    ) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.authoritative = authoritative
        self.truncated = truncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.responseCode = responseCode
    }

    /// The 16 flag bits as on the wire.
    var flags: UInt16 {
        var flags = UInt16(opcode & 0x0F) << 11 | (responseCode.rawValue & 0x0F)
        if isResponse { flags |= 0x8000 }
        if authoritative { flags |= 0x0400 }
        if truncated { flags |= 0x0200 }
        if recursionDesired { flags |= 0x0100 }
        if recursionAvailable { flags |= 0x0080 }
        return flags
    }

    init(id: UInt16, flags: UInt16) {
        self.init(
            id: id, isResponse: flags & 0x8000 != 0, opcode: UInt8((flags >> 11) & 0x0F),
            authoritative: flags & 0x0400 != 0, truncated: flags & 0x0200 != 0,
            recursionDesired: flags & 0x0100 != 0, recursionAvailable: flags & 0x0080 != 0,
            responseCode: DNSResponseCode(rawValue: flags & 0x0F))
    }
}
