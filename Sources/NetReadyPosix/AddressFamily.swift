import Glibc

/// An IP address family.
public enum AddressFamily: Sendable, Hashable, CustomStringConvertible {
    /// IPv4 (`AF_INET`).
    case inet
    /// IPv6 (`AF_INET6`).
    case inet6

    /// The `AF_*` constant for `socket(2)`.
    var rawValue: Int32 {
        switch self {
        case .inet: return AF_INET
        case .inet6: return AF_INET6
        }
    }

    /// `"ipv4"` or `"ipv6"`.
    public var description: String {
        switch self {
        case .inet: return "ipv4"
        case .inet6: return "ipv6"
        }
    }
}
