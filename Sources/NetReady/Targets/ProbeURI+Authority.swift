import Foundation
import NetReadyPosix

/// The authority part of probe URIs: user, host (name, IPv4, bracketed IPv6) and port or port range.
extension ProbeURI {
    /// Splits `user@rest`; a `user:password@` is rejected, since secrets never belong in a URI.
    static func splitUserInfo(
        _ text: Substring, kind: ProbeKind, raw: String
    ) throws(ProbeURIError) -> (Substring?, Substring) {
        guard let at = text.lastIndex(of: "@") else { return (nil, text) }
        let user = text[..<at]
        if user.contains(":") { throw carriesCredentials(raw, kind: kind) }
        return (user, text[text.index(after: at)...])
    }

    /// Splits `host`, `host:port`, `[v6]` or `[v6]:port` with the address layer's ``HostPort``; the host keeps its
    /// brackets (``validateHost(_:kind:raw:)`` reads them), and an IPv6 address outside brackets is refused
    /// except in `icmp:`, which takes no port.
    static func splitHostPort(
        _ text: Substring, kind: ProbeKind, raw: String
    ) throws(ProbeURIError) -> (host: Substring, port: Substring?) {
        let bracketsNeeded = ProbeURIError(
            "the IPv6 address in '\(raw)' must be written in brackets",
            fix: kind.usesAuthority ? "write \(kind.rawValue)://[::1]:PORT" : "write \(kind.rawValue):[::1]")
        let split: HostPort
        do {
            split = try HostPort(splitting: String(text))
        } catch {
            switch error.problem {
            case .unclosedBracket:
                throw ProbeURIError("'\(raw)' lacks the ']' closing its IPv6 address", fix: "write \(kind.example)")
            case .textAfterBracket:
                let after = text[text.index(after: text.firstIndex(of: "]")!)...]
                throw ProbeURIError("'\(raw)' has '\(after)' after its IPv6 address", fix: "write [IPv6]:PORT")
            default:
                if kind == .icmp { return (text, nil) }
                throw bracketsNeeded
            }
        }
        let host = split.bracketed ? "[\(split.host)]" : split.host
        if !split.bracketed && host.contains(":") {
            if kind == .icmp { return (text, nil) }
            throw bracketsNeeded
        }
        return (Substring(host), split.portText.map { Substring($0) })
    }

    /// Validates the host: an IP literal, or a DNS name (lower-cased).
    static func validateHost(_ text: Substring, kind: ProbeKind, raw: String) throws(ProbeURIError) -> String {
        if text.isEmpty {
            throw ProbeURIError("'\(raw)' has no host", fix: "write \(kind.example)")
        }
        if text.hasPrefix("[") {
            var inner = String(text.dropFirst().dropLast())
            inner = inner.replacingOccurrences(of: "%25", with: "%")
            guard TargetsAddressSyntax.isIPv6(inner) else {
                throw ProbeURIError("'\(inner)' in '\(raw)' is not an IPv6 address", fix: "write e.g. [2001:db8::1]")
            }
            if kind == .dns {
                throw ProbeURIError(
                    "dns: URIs name a host name to resolve, not an address: '\(raw)'",
                    fix: "write \(kind.example)")
            }
            return inner.lowercased()
        }
        let host = String(text)
        if kind == .icmp, host.contains(":") {
            guard TargetsAddressSyntax.isIPv6(host) else {
                throw ProbeURIError("'\(host)' in '\(raw)' is not an IPv6 address", fix: "write e.g. icmp:2001:db8::1")
            }
            return host.lowercased()
        }
        if TargetsAddressSyntax.isIPv4(host) {
            if kind == .dns {
                throw ProbeURIError(
                    "dns: URIs name a host name to resolve, not an address: '\(raw)'",
                    fix: "write \(kind.example)")
            }
            return host
        }
        if let problem = TargetsAddressSyntax.hostNameProblem(host) {
            throw ProbeURIError("bad host in '\(raw)': \(problem)", fix: "write \(kind.example)")
        }
        return host.lowercased()
    }

    /// Parses `PORT` or, for `tcp:`/`udp:`, `LOW-HIGH`.
    static func parsePorts(
        _ text: Substring, kind: ProbeKind, raw: String
    ) throws(ProbeURIError) -> ClosedRange<UInt16> {
        guard kind.hasPort else {
            throw ProbeURIError("\(kind.rawValue): URIs take no port: '\(raw)'", fix: "write \(kind.example)")
        }
        if text.isEmpty {
            throw ProbeURIError("'\(raw)' has ':' but no port after it", fix: "write \(kind.example)")
        }
        func one(_ part: Substring) throws(ProbeURIError) -> UInt16 {
            if let port = TargetsAddressSyntax.port(part) { return port }
            if !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw ProbeURIError("port \(part) in '\(raw)' is out of range", fix: "use a port from 1 to 65535")
            }
            throw ProbeURIError("port '\(part)' in '\(raw)' is not a number", fix: "write \(kind.example)")
        }
        guard let dash = text.firstIndex(of: "-") else {
            let port = try one(text)
            return port...port
        }
        guard kind.allowsPortRange else {
            throw ProbeURIError(
                "'\(raw)' has a port range, which only tcp:// and udp:// probes take",
                fix: "name a single port: \(kind.example)")
        }
        let low = try one(text[..<dash])
        let high = try one(text[text.index(after: dash)...])
        guard low <= high else {
            throw ProbeURIError(
                "port range \(low)-\(high) in '\(raw)' runs backwards",
                fix: "write \(kind.rawValue)://HOST:\(high)-\(low)")
        }
        return low...high
    }
}
