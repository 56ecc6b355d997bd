/// Text that is not a usable `HOST[:PORT]`, `[IPv6][:PORT]` endpoint or CIDR block, with a sentence saying why.
public struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in terms a target-file author can act on.
    public enum Problem: Sendable, Equatable {
        /// `[` without `]`.
        case unclosedBracket
        /// Something other than `:PORT` after `]`.
        case textAfterBracket
        /// A port that is not a number from 1 to 65535.
        case badPort
        /// No port where one is required.
        case missingPort
        /// This part should have been an IP address.
        case notAnAddress(String)
        /// This part should have been an IPv6 address.
        case notAnIPv6Address(String)
        /// Neither `ADDRESS/PREFIX` nor a single address.
        case notACIDRBlock
        /// A CIDR prefix length outside 0...maximum.
        case badPrefixLength(maximum: Int)
    }

    /// The text as given.
    public let input: String
    /// Why it was refused.
    public let problem: Problem

    /// The error for `input`.
    public init(_ input: String, _ problem: Problem) {
        self.input = input
        self.problem = problem
    }

    /// `'[::1' lacks the closing ']'`, `'10.0.0.1:0' has a bad port (PORT 1-65535)`, ...
    public var description: String {
        switch problem {
        case .unclosedBracket: return "'\(input)' lacks the closing ']'"
        case .textAfterBracket: return "'\(input)' has text after ']' that is not :PORT"
        case .badPort: return "'\(input)' has a bad port (PORT 1-65535)"
        case .missingPort: return "'\(input)' has no port (write IP:PORT or [IPv6]:PORT)"
        case .notAnAddress(let part): return "'\(part)' is not an IP address"
        case .notAnIPv6Address(let part): return "'\(part)' is not an IPv6 address"
        case .notACIDRBlock: return "'\(input)' is not a CIDR block such as 203.0.113.0/24"
        case .badPrefixLength(let maximum): return "'\(input)' has a bad prefix length (0-\(maximum))"
        }
    }
}
