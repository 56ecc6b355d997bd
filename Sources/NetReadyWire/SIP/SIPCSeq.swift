/// A CSeq value (RFC 3261 20.16): a sequence number and the method, `1 OPTIONS`.
public struct SIPCSeq: Sendable, Equatable, CustomStringConvertible {
    /// The sequence number (below 2**31).
    public var number: UInt32
    /// The method, case-sensitive as in the request line.
    public var method: String

    /// A CSeq of `number` and `method`.
    public init(number: UInt32, method: String) {
        self.number = number
        self.method = method
    }

    /// Parses `1 OPTIONS`.
    ///
    /// - Throws: `WireError.malformed` unless it is a number then a method token.
    public init(parsing text: some StringProtocol) throws(WireError) {
        let parts = SIPText.collapsedWhitespace(text).split(separator: " ")
        guard parts.count == 2, let number = UInt32(parts[0]), number < 1 << 31, SIPText.isToken(parts[1]) else {
            throw .malformed("bad CSeq '\(text)'")
        }
        self.number = number
        method = String(parts[1])
    }

    /// `1 OPTIONS`.
    public var description: String { "\(number) \(method)" }
}
