/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`), for allow-lists.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    private let bytes: [UInt8]
    /// The number of leading bits that name the network.
    public let prefixLength: Int

    /// Parses `ADDRESS/PREFIX`, or a bare address as a single host; zones (`%eth0`) are refused.
    ///
    /// - Throws: ``EndpointError`` naming the part that is wrong.
    public init(parsing text: String) throws(EndpointError) {
        guard let slash = text.firstIndex(of: "/") else {
            guard let address = IPAddress(text), address.zone == nil else {
                throw EndpointError(text, .notACIDRBlock)
            }
            bytes = address.bytes
            prefixLength = address.bytes.count * 8
            return
        }
        let addressText = String(text[..<slash])
        guard let address = IPAddress(addressText), address.zone == nil else {
            throw EndpointError(text, .notAnAddress(addressText))
        }
        let maximum = address.bytes.count * 8
        let lengthText = text[text.index(after: slash)...]
        guard !lengthText.isEmpty, lengthText.count <= 3, lengthText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let length = Int(lengthText), length <= maximum
        else { throw EndpointError(text, .badPrefixLength(maximum: maximum)) }
        bytes = address.bytes
        prefixLength = length
    }

    /// Parses like ``init(parsing:)``; nil instead of an error.
    public init?(_ text: String) {
        guard let network = try? IPNetwork(parsing: text) else { return nil }
        self = network
    }

    /// IPv4 or IPv6.
    public var family: AddressFamily { bytes.count == 4 ? .inet : .inet6 }

    /// True when `address` lies inside this network (an IPv4-mapped IPv6 address counts as its IPv4 address).
    public func contains(_ address: IPAddress) -> Bool {
        let candidate = address.family == family ? address.bytes : address.unmapped.bytes
        guard candidate.count == bytes.count else { return false }
        var remaining = prefixLength
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if candidate[index] & mask != bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// True when `ip` (a literal) lies inside this network; false for anything that is not an address.
    public func contains(_ ip: String) -> Bool {
        IPAddress(ip).map(contains) ?? false
    }

    /// `10.0.0.0/8`, the address as written (host bits kept).
    public var description: String {
        (IPAddress(bytes: bytes)?.description ?? "?") + "/\(prefixLength)"
    }
}
