import Foundation

/// One `--remote-write URL`: an http(s) URL, and how it may appear in the log (without any
/// user:password written into it).
package struct RemoteWriteEndpoint: Sendable, Hashable {
    package let url: String
    /// The URL without user information, for logs and metric labels.
    package let redacted: String

    /// - Throws: `RemoteWriteConfigurationError` when the URL is not http:// or https:// with a host.
    package init(_ text: String) throws {
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw RemoteWriteConfigurationError(
                "--remote-write '\(Self.withoutUserInfo(text))': write an http:// or https:// URL, e.g. "
                    + "http://prometheus.example:9090/api/v1/write")
        }
        url = text
        components.user = nil
        components.password = nil
        redacted = components.string ?? scheme + "://" + host
    }

    /// A rejected URL can still carry a password: cut everything between "//" and "@".
    private static func withoutUserInfo(_ text: String) -> String {
        guard let start = text.range(of: "//"), let at = text[start.upperBound...].firstIndex(of: "@") else {
            return text
        }
        return String(text[..<start.upperBound]) + "…" + String(text[at...])
    }

    /// A short stable name for this endpoint's spool folder: host and port, and a hash of the whole URL.
    package var spoolName: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let components = URLComponents(string: url)
        let host = (components?.host ?? "receiver").filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        let port = components?.port.map { "-\($0)" } ?? ""
        return "\(host)\(port)-\(String(hash, radix: 16))"
    }
}
