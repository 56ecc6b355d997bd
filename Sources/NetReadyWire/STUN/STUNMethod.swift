/// A STUN method (RFC 8489 section 5): the 12-bit operation a message performs.
///
/// Binding comes from RFC 8489, the rest from TURN (RFC 8656 section 18).
public struct STUNMethod: Sendable, Hashable, CustomStringConvertible {
    /// The 12-bit method number.
    public var rawValue: UInt16

    /// A method by number; only the low 12 bits are meaningful.
    public init(rawValue: UInt16) { self.rawValue = rawValue & 0x0FFF }

    public static let binding = STUNMethod(rawValue: 0x001)
    public static let allocate = STUNMethod(rawValue: 0x003)
    public static let refresh = STUNMethod(rawValue: 0x004)
    public static let send = STUNMethod(rawValue: 0x006)
    public static let data = STUNMethod(rawValue: 0x007)
    public static let createPermission = STUNMethod(rawValue: 0x008)
    public static let channelBind = STUNMethod(rawValue: 0x009)

    /// The method's RFC name, or its number in hex.
    public var description: String {
        switch self {
        case .binding: "Binding"
        case .allocate: "Allocate"
        case .refresh: "Refresh"
        case .send: "Send"
        case .data: "Data"
        case .createPermission: "CreatePermission"
        case .channelBind: "ChannelBind"
        default: "method 0x" + String(rawValue, radix: 16)
        }
    }
}

/// The class of a STUN message (RFC 8489 section 5): the two C bits of the message type.
public enum STUNClass: UInt16, Sendable, CaseIterable {
    case request = 0b00
    case indication = 0b01
    case successResponse = 0b10
    case errorResponse = 0b11
}

extension STUNMessage {
    /// The 14-bit message type for `method` and `messageClass`: the class bits C0 and C1 sit at
    /// bits 4 and 8, the method's 12 bits are spread around them (RFC 8489 figure 3).
    public static func messageType(_ method: STUNMethod, _ messageClass: STUNClass) -> UInt16 {
        let m = method.rawValue
        let c = messageClass.rawValue
        return (m & 0x000F) | (m & 0x0070) << 1 | (m & 0x0F80) << 2 | (c & 0b01) << 4 | (c & 0b10) << 7
    }

    /// This message's method, from its type.
    public var method: STUNMethod {
        STUNMethod(rawValue: (type & 0x000F) | (type & 0x00E0) >> 1 | (type & 0x3E00) >> 2)
    }

    /// This message's class, from its type.
    public var messageClass: STUNClass {
        // Two bits can only make the four cases, so the fallback is never taken.
        STUNClass(rawValue: (type & 0x0010) >> 4 | (type & 0x0100) >> 7) ?? .request
    }

    /// A message of `method` and `messageClass` with a new random transaction ID.
    public init(_ method: STUNMethod, _ messageClass: STUNClass, attributes: [Attribute] = []) {
        self.init(
            type: Self.messageType(method, messageClass), transactionID: Self.randomTransactionID(),
            attributes: attributes)
    }

    /// Twelve random bytes, as RFC 8489 section 5 asks for ("uniformly and randomly chosen").
    public static func randomTransactionID() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<12).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
