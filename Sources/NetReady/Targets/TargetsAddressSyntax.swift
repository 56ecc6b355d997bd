import NetReadyPosix

/// Syntax checks for host names, IP addresses, `IP[:PORT]` endpoints and CIDR blocks used by target files.
///
/// Internal to the target-file layer; nothing here touches the network.
enum TargetsAddressSyntax {
    /// Whether `text` is a dotted-quad IPv4 address.
    static func isIPv4(_ text: String) -> Bool { IPAddress(text)?.family == .inet }

    /// Whether `text` is an IPv6 address, optionally followed by a `%zone` identifier.
    static func isIPv6(_ text: String) -> Bool { IPAddress(text)?.family == .inet6 }

    /// Whether `text` is an IPv4 or IPv6 address.
    static func isIPAddress(_ text: String) -> Bool { IPAddress.isLiteral(text) }

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
    static func port(_ text: Substring) -> UInt16? { HostPort.port(text) }

    /// Why `text` is not `IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address, or `nil` when it is.
    static func endpointProblem(_ text: String) -> String? {
        do {
            let split = try HostPort(splitting: text)
            guard let address = IPAddress(split.host) else {
                return EndpointError(text, .notAnAddress(split.host)).description
            }
            if split.bracketed && address.family != .inet6 {
                return EndpointError(text, .notAnIPv6Address(split.host)).description
            }
            if split.portText != nil { _ = try split.port(default: nil) }
            return nil
        } catch {
            return error.description
        }
    }

    /// Why `text` is not a CIDR block (`10.0.0.0/8`, `2001:db8::/32`) or a single address, or `nil` when it is.
    static func cidrProblem(_ text: String) -> String? {
        do {
            _ = try IPNetwork(parsing: text)
            return nil
        } catch {
            return error.description
        }
    }
}
