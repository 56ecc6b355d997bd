#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Syntax checks for host names, IP addresses, `IP[:PORT]` endpoints and CIDR blocks used by target files.
///
/// Internal to the target-file layer; nothing here touches the network.
enum TargetsAddressSyntax {
    /// Whether `text` is a dotted-quad IPv4 address.
    static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return text.withCString { inet_pton(AF_INET, $0, &address) } == 1
    }

    /// Whether `text` is an IPv6 address, optionally followed by a `%zone` identifier.
    static func isIPv6(_ text: String) -> Bool {
        var addressPart = Substring(text)
        if let percent = text.firstIndex(of: "%") {
            let zone = text[text.index(after: percent)...]
            guard !zone.isEmpty, zone.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
            else { return false }
            addressPart = text[..<percent]
        }
        var address = in6_addr()
        return String(addressPart).withCString { inet_pton(AF_INET6, $0, &address) } == 1
    }

    /// Whether `text` is an IPv4 or IPv6 address.
    static func isIPAddress(_ text: String) -> Bool { isIPv4(text) || isIPv6(text) }

    /// Why `text` is not a usable DNS host name, or `nil` when it is one.
    ///
    /// Letters, digits, `-` and `_` (for SRV owner names) in labels of 1 to 63 characters, 253 in all,
    /// with an optional trailing dot.
    static func hostNameProblem(_ text: String) -> String? {
        if text.isEmpty { return "the host is empty" }
        if !text.allSatisfy(\.isASCII) {
            return "'\(text)' is not an ASCII host name (write the punycode xn-- form)"
        }
        var name = Substring(text)
        if name.hasSuffix(".") { name = name.dropLast() }
        if name.isEmpty || name.utf8.count > 253 { return "'\(text)' is not a valid host name" }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if label.isEmpty { return "'\(text)' has an empty label" }
            if label.utf8.count > 63 { return "'\(text)' has a label longer than 63 characters" }
            if let bad = label.first(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                return "'\(text)' contains '\(bad)', which is not allowed in a host name"
            }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                return "'\(text)' has a label that starts or ends with '-'"
            }
        }
        if labels.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            return "'\(text)' is not a valid IPv4 address"
        }
        return nil
    }

    /// Parses a port number 1...65535.
    static func port(_ text: Substring) -> UInt16? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(text), (1...65535).contains(value)
        else { return nil }
        return UInt16(value)
    }

    /// Why `text` is not `IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address, or `nil` when it is.
    static func endpointProblem(_ text: String) -> String? {
        if isIPAddress(text) { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return "'\(text)' lacks the closing ']'" }
            let inner = String(text[text.index(after: text.startIndex)..<close])
            guard isIPv6(inner) else { return "'\(inner)' is not an IPv6 address" }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return nil }
            guard rest.hasPrefix(":"), port(rest.dropFirst()) != nil else {
                return "'\(text)' has a bad port (write [IPv6]:PORT with PORT 1-65535)"
            }
            return nil
        }
        guard let colon = text.lastIndex(of: ":") else { return "'\(text)' is not an IP address" }
        let host = String(text[..<colon])
        guard isIPv4(host) else { return "'\(host)' is not an IP address" }
        guard port(text[text.index(after: colon)...]) != nil else {
            return "'\(text)' has a bad port (write IP:PORT with PORT 1-65535)"
        }
        return nil
    }

    /// Why `text` is not a CIDR block (`10.0.0.0/8`, `2001:db8::/32`) or a single address, or `nil` when it is.
    static func cidrProblem(_ text: String) -> String? {
        guard let slash = text.firstIndex(of: "/") else {
            return isIPAddress(text) ? nil : "'\(text)' is not a CIDR block such as 203.0.113.0/24"
        }
        let address = String(text[..<slash])
        let lengthText = text[text.index(after: slash)...]
        let maxLength: Int
        if isIPv4(address) {
            maxLength = 32
        } else if isIPv6(address), !address.contains("%") {
            maxLength = 128
        } else {
            return "'\(address)' is not an IP address"
        }
        guard !lengthText.isEmpty, lengthText.count <= 3, lengthText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let length = Int(lengthText), length <= maxLength
        else { return "'\(text)' has a bad prefix length (0-\(maxLength))" }
        return nil
    }
}
