import Glibc

/// An IPv4 or IPv6 address without a port: 4 or 16 bytes, and for IPv6 an optional zone (`fe80::1%eth0`).
///
/// The one place where address text is parsed (`inet_pton`) and printed (`inet_ntop`) for the domain; nothing
/// here resolves names or looks interfaces up.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]
    /// The IPv6 zone as written after `%` (an interface name or index), or nil.
    public let zone: String?

    /// Parses `192.0.2.1`, `2001:db8::1` or `fe80::1%eth0`; nil for anything else (names, brackets, ports).
    public init?(_ text: some StringProtocol) {
        var v4 = in_addr()
        if !text.contains("%"), inet_pton(AF_INET, String(text), &v4) == 1 {
            self.init(unchecked: withUnsafeBytes(of: v4) { Array($0) }, zone: nil)
            return
        }
        var address = Substring(text)
        var zone: String?
        if let percent = text.firstIndex(of: "%") {
            let written = text[text.index(after: percent)...]
            guard !written.isEmpty,
                written.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
            else { return nil }
            zone = String(written)
            address = Substring(text[..<percent])
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, String(address), &v6) == 1 else { return nil }
        self.init(unchecked: withUnsafeBytes(of: v6) { Array($0) }, zone: zone)
    }

    /// The address of 4 or 16 raw bytes (as decoded from a packet); nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.init(unchecked: bytes, zone: nil)
    }

    private init(unchecked bytes: [UInt8], zone: String?) {
        self.bytes = bytes
        self.zone = zone
    }

    /// Whether `text` is an IPv4 or IPv6 literal (IPv6 may carry a `%zone`), not a host name.
    public static func isLiteral(_ text: some StringProtocol) -> Bool { IPAddress(text) != nil }

    /// IPv4 or IPv6.
    public var family: AddressFamily { bytes.count == 4 ? .inet : .inet6 }

    /// `::ffff:a.b.c.d`, an IPv4 address carried in IPv6.
    public var isIPv4Mapped: Bool {
        bytes.count == 16 && bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }

    /// The IPv4 address inside an IPv4-mapped one; any other address unchanged.
    public var unmapped: IPAddress {
        isIPv4Mapped ? IPAddress(unchecked: Array(bytes[12...]), zone: nil) : self
    }

    /// `192.0.2.1`, RFC 5952 `2001:db8::1`, with `%zone` when there is one.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) != nil }
        guard ok else { return "?" }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return zone.map { text + "%" + $0 } ?? text
    }
}
