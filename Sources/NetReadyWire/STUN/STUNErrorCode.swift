/// An ERROR-CODE value (RFC 8489 section 14.8): a code 300-699 and a reason phrase.
public struct STUNErrorCode: Sendable, Equatable {
    /// The code: class (hundreds) times 100 plus number.
    public var code: Int
    /// The server's reason phrase, for people to read.
    public var reason: String

    /// An error code and its reason phrase.
    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// 300 Try Alternate (RFC 8489).
    public static let tryAlternate = 300
    /// 400 Bad Request (RFC 8489).
    public static let badRequest = 400
    /// 401 Unauthenticated (RFC 8489): the long-term credential challenge.
    public static let unauthenticated = 401
    /// 403 Forbidden (RFC 8656).
    public static let forbidden = 403
    /// 420 Unknown Attribute (RFC 8489).
    public static let unknownAttribute = 420
    /// 437 Allocation Mismatch (RFC 8656).
    public static let allocationMismatch = 437
    /// 438 Stale Nonce (RFC 8489).
    public static let staleNonce = 438
    /// 441 Wrong Credentials (RFC 8656).
    public static let wrongCredentials = 441
    /// 442 Unsupported Transport Protocol (RFC 8656).
    public static let unsupportedTransport = 442
    /// 486 Allocation Quota Reached (RFC 8656).
    public static let allocationQuotaReached = 486
    /// 508 Insufficient Capacity (RFC 8656).
    public static let insufficientCapacity = 508

    /// The attribute value: 21 reserved bits, the class in 3 bits, the number in 8, then the
    /// UTF-8 reason phrase (padding is the message encoder's job).
    public func encoded() -> [UInt8] {
        let clamped = min(max(code, 300), 699)
        return [0, 0, UInt8(clamped / 100), UInt8(clamped % 100)] + Array(reason.utf8)
    }

    /// Reads an ERROR-CODE value; a class outside 3...6 or a number above 99 is malformed.
    public init(decoding value: [UInt8]) throws(WireError) {
        guard value.count >= 4 else { throw .truncated(at: 0, wanted: 4) }
        let errorClass = Int(value[2] & 0x07)
        let number = Int(value[3])
        guard (3...6).contains(errorClass), number < 100 else {
            throw .malformed("error class \(errorClass) number \(number)")
        }
        code = errorClass * 100 + number
        reason = String(decoding: value[4...], as: UTF8.self)
    }
}
