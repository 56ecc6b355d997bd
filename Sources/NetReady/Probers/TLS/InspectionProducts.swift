import Foundation

/// TLS-inspecting proxies recognised by the names they put in the certificates they mint.
///
/// Public product and vendor names only, matched case-insensitively as substrings of every issuer name of a chain.
/// A match means the peer's certificate was issued by an inspection product, even when the chain verifies (a company
/// that inspects TLS installs the proxy's CA in its trust stores).
enum InspectionProducts {
    /// Product name, and the lower-case substrings that identify it in an issuer name.
    static let known: [(product: String, patterns: [String])] = [
        ("Zscaler", ["zscaler"]),
        ("Palo Alto Networks", ["palo alto", "paloalto"]),
        ("Fortinet FortiGate", ["fortinet", "fortigate"]),
        ("Blue Coat / Symantec ProxySG", ["blue coat", "bluecoat", "proxysg", "symantec web"]),
        ("Cisco Umbrella", ["cisco umbrella", "opendns"]),
        ("Netskope", ["netskope"]),
        ("Sophos", ["sophos"]),
        ("Check Point", ["check point", "checkpoint"]),
        ("Forcepoint", ["forcepoint", "websense"]),
        ("Barracuda", ["barracuda"]),
        ("McAfee Web Gateway", ["mcafee web gateway", "skyhigh"]),
        ("a secure web gateway", ["secure web gateway"]),
        ("a TLS inspection CA", ["inspection"]),
    ]

    /// The first product whose name appears in one of `issuers`, with the issuer that named it.
    static func match(_ issuers: [String]) -> (product: String, issuer: String)? {
        for (product, patterns) in known {
            for issuer in issuers {
                let lowered = issuer.lowercased()
                if patterns.contains(where: lowered.contains) { return (product, issuer) }
            }
        }
        return nil
    }
}

/// The `issuer:` patterns of a probe: case-insensitive, `*` matches any run of characters, and a pattern without
/// `*` matches anywhere in the issuer name (`issuer: DigiCert` matches `CN=DigiCert Global G2,O=DigiCert Inc`).
struct IssuerPatterns {
    let patterns: [String]

    /// True when there are no patterns, or one of them matches one of `issuers`.
    func accept(_ issuers: [String]) -> Bool {
        patterns.isEmpty || patterns.contains { pattern in issuers.contains { Self.matches(pattern, $0) } }
    }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        let body = pattern.split(separator: "*", omittingEmptySubsequences: false)
            .map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: ".*")
        let anchored = pattern.contains("*") ? "^\(body)$" : body
        guard let regex = try? NSRegularExpression(pattern: anchored, options: [.caseInsensitive]) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
