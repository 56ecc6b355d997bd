/// A question: the name, type and class a query asks about.
public struct DNSQuestion: Sendable, Equatable {
    public var name: String
    public var type: DNSRecordType
    /// The class (1 = IN).
    public var rawClass: UInt16

    public init(name: String, type: DNSRecordType, rawClass: UInt16 = 1) {
        self.name = name
        self.type = type
        self.rawClass = rawClass
    }

    /// True when `other` asks the same thing, names compared case-insensitively.
    public func matches(_ other: DNSQuestion) -> Bool {
        type == other.type && rawClass == other.rawClass && DNSName.equal(name, other.name)
    }
}
