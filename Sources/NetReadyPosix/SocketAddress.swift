import Glibc

/// An IPv4 or IPv6 address with a port, as the kernel sees it (`sockaddr_in` / `sockaddr_in6`).
///
/// Equality and hashing cover family, address, port and (IPv6) scope; flow labels are ignored.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    enum Storage: Sendable {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)
    }

    let storage: Storage

    /// Parses an IP literal: `"192.0.2.1"`, `"2001:db8::1"`, or a scoped `"fe80::1%eth0"` (interface name or index).
    ///
    /// - Throws: ``InvalidAddressError`` when `ip` is not an IP literal or names an unknown interface.
    public init(ip: String, port: UInt16) throws(InvalidAddressError) {
        var v4 = in_addr()
        if inet_pton(AF_INET, ip, &v4) == 1 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr = v4
            self.storage = .v4(address)
            return
        }
        var host = Substring(ip)
        var scopeID: UInt32 = 0
        if let percent = ip.firstIndex(of: "%") {
            host = ip[..<percent]
            let scope = String(ip[ip.index(after: percent)...])
            guard !scope.isEmpty else {
                throw InvalidAddressError(input: ip, reason: "empty IPv6 scope")
            }
            if let index = UInt32(scope) {
                scopeID = index
            } else {
                scopeID = if_nametoindex(scope)
                guard scopeID != 0 else {
                    throw InvalidAddressError(input: ip, reason: "unknown interface '\(scope)'")
                }
            }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, String(host), &v6) == 1 else {
            throw InvalidAddressError(input: ip, reason: "not an IPv4 or IPv6 address")
        }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = port.bigEndian
        address.sin6_addr = v6
        address.sin6_scope_id = scopeID
        self.storage = .v6(address)
    }

    /// Copies an address the kernel returned; `nil` for families other than `AF_INET`/`AF_INET6`.
    init?(_ pointer: UnsafePointer<sockaddr>, length: socklen_t) {
        switch Int32(pointer.pointee.sa_family) {
        case AF_INET where Int(length) >= MemoryLayout<sockaddr_in>.size:
            let raw = UnsafeRawPointer(pointer).loadUnaligned(as: sockaddr_in.self)
            var clean = sockaddr_in()
            clean.sin_family = sa_family_t(AF_INET)
            clean.sin_port = raw.sin_port
            clean.sin_addr = raw.sin_addr
            self.storage = .v4(clean)
        case AF_INET6 where Int(length) >= MemoryLayout<sockaddr_in6>.size:
            let raw = UnsafeRawPointer(pointer).loadUnaligned(as: sockaddr_in6.self)
            var clean = sockaddr_in6()
            clean.sin6_family = sa_family_t(AF_INET6)
            clean.sin6_port = raw.sin6_port
            clean.sin6_addr = raw.sin6_addr
            clean.sin6_scope_id = raw.sin6_scope_id
            self.storage = .v6(clean)
        default:
            return nil
        }
    }

    /// Copies an address out of a `sockaddr_storage` filled in by the kernel.
    init?(_ storage: sockaddr_storage, length: socklen_t) {
        var copy = storage
        let address = withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress($0, length: length) }
        }
        guard let address else {
            return nil
        }
        self = address
    }

    /// `true` if `string` is an IPv4 or IPv6 literal (IPv6 may carry a `%scope`), not a host name.
    public static func isIPLiteral(_ string: String) -> Bool {
        IPAddress.isLiteral(string)
    }

    /// Parses an IP endpoint: `IP`, `IP:PORT`, `[IPv6]`, `[IPv6]:PORT` or a bare IPv6 address (no names).
    ///
    /// - Throws: ``EndpointError`` when the host is not an IP literal, the port is not 1-65535, or there is no
    ///   port and `defaultPort` is nil. Port 0 is refused unless `allowingPortZero` (an address to listen on).
    public init(endpoint text: String, defaultPort: UInt16?, allowingPortZero: Bool = false) throws(EndpointError) {
        let split = try HostPort(splitting: text)
        let port = try split.port(default: defaultPort, allowingZero: allowingPortZero)
        guard IPAddress.isLiteral(split.host), let address = try? SocketAddress(ip: split.host, port: port) else {
            throw EndpointError(text, .notAnAddress(split.host))
        }
        self = address
    }

    /// The address without its port.
    public var address: IPAddress {
        switch storage {
        case .v4(let address): return IPAddress(bytes: withUnsafeBytes(of: address.sin_addr) { Array($0) })!
        case .v6(let address): return IPAddress(bytes: Self.bytes(of: address.sin6_addr))!
        }
    }

    /// The address family.
    public var family: AddressFamily {
        switch storage {
        case .v4: return .inet
        case .v6: return .inet6
        }
    }

    /// The port in host byte order.
    public var port: UInt16 {
        switch storage {
        case .v4(let address): return UInt16(bigEndian: address.sin_port)
        case .v6(let address): return UInt16(bigEndian: address.sin6_port)
        }
    }

    /// The address as text, without port or brackets: `"192.0.2.1"`, `"2001:db8::1"`, `"fe80::1%eth0"`.
    public var ip: String {
        switch storage {
        case .v4(var address):
            return Self.format(family: AF_INET, &address.sin_addr, length: INET_ADDRSTRLEN)
        case .v6(var address):
            let text = Self.format(family: AF_INET6, &address.sin6_addr, length: INET6_ADDRSTRLEN)
            guard address.sin6_scope_id != 0 else {
                return text
            }
            var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
            if if_indextoname(address.sin6_scope_id, &name) != nil {
                return text + "%" + Self.string(fromCString: name)
            }
            return text + "%\(address.sin6_scope_id)"
        }
    }

    /// `true` for 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        switch storage {
        case .v4(let address):
            return UInt32(bigEndian: address.sin_addr.s_addr) >> 24 == 127
        case .v6(let address):
            return Self.bytes(of: address.sin6_addr) == [UInt8](repeating: 0, count: 15) + [1]
        }
    }

    /// `"192.0.2.1:80"` or `"[2001:db8::1]:80"`.
    public var description: String {
        switch family {
        case .inet: return "\(ip):\(port)"
        case .inet6: return "[\(ip)]:\(port)"
        }
    }

    /// The same address with another port.
    public func withPort(_ port: UInt16) -> SocketAddress {
        switch storage {
        case .v4(var address):
            address.sin_port = port.bigEndian
            return SocketAddress(storage: .v4(address))
        case .v6(var address):
            address.sin6_port = port.bigEndian
            return SocketAddress(storage: .v6(address))
        }
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// Calls `body` with a `sockaddr` pointer and length suitable for `connect`, `bind` or `sendto`.
    func withSockAddr<R, E: Error>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(E) -> R
    ) throws(E) -> R {
        switch storage {
        case .v4(var address):
            return try withUnsafeBytes(of: &address) { (raw) throws(E) -> R in
                try body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
        case .v6(var address):
            return try withUnsafeBytes(of: &address) { (raw) throws(E) -> R in
                try body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
        }
    }

    public static func == (lhs: SocketAddress, rhs: SocketAddress) -> Bool {
        lhs.identity == rhs.identity
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identity)
    }

    /// Family, address bytes, port and scope: the fields that make two addresses the same.
    private var identity: [UInt8] {
        switch storage {
        case .v4(let address):
            return [4] + withUnsafeBytes(of: address.sin_addr) { Array($0) }
                + withUnsafeBytes(of: address.sin_port) {
                    Array($0)
                }
        case .v6(let address):
            return [6] + Self.bytes(of: address.sin6_addr) + withUnsafeBytes(of: address.sin6_port) { Array($0) }
                + withUnsafeBytes(of: address.sin6_scope_id) { Array($0) }
        }
    }

    private static func bytes(of address: in6_addr) -> [UInt8] {
        withUnsafeBytes(of: address) { Array($0) }
    }

    private static func format<A>(family: Int32, _ address: inout A, length: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(length))
        let ok = withUnsafePointer(to: &address) { inet_ntop(family, $0, &buffer, socklen_t(length)) != nil }
        guard ok else {
            return "?"
        }
        return string(fromCString: buffer)
    }

    private static func string(fromCString buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Text that is not an IP literal where one was required.
public struct InvalidAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that failed to parse.
    public let input: String
    /// Why it failed.
    public let reason: String

    /// Creates the error for `input`.
    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// `"invalid IP address 'x': not an IPv4 or IPv6 address"`.
    public var description: String {
        "invalid IP address '\(input)': \(reason)"
    }
}
