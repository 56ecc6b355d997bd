import Foundation

/// The proxies an HTTP request may go through: `--proxy` and the environment variables libcurl reads.
///
/// The one place where proxy settings become text for people (reports, notes, error messages): a proxy
/// URL's userinfo (`user:password@`) is a credential, so it never leaves this type except to libcurl.
public struct ProxySettings: Sendable {
    /// The variables libcurl reads, upper- and lower-case, in the order they are reported.
    public static let environmentNames = [
        "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy",
    ]

    /// `--proxy`, if given.
    public let option: String?
    /// The set (non-empty) proxy variables of the environment, by name.
    public let environment: [String: String]

    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.option = option
        self.environment = environment.filter { Self.environmentNames.contains($0.key) && !$0.value.isEmpty }
    }

    /// Whether requests go through a proxy: `--proxy`, or a proxy variable other than NO_PROXY.
    public var isConfigured: Bool {
        option != nil || environment.keys.contains { $0.lowercased() != "no_proxy" }
    }

    /// The environment's proxy variables for the report's `host.proxy`, by lower-cased name, credentials
    /// replaced by `***`; with `redact` every value is `redacted`.
    public func reportable(redact: Bool) -> [String: String] {
        var report: [String: String] = [:]
        for name in Self.environmentNames {
            guard let value = environment[name] else { continue }
            report[name.lowercased()] = redact ? "redacted" : Self.withoutCredentials(value)
        }
        return report
    }

    /// A proxy URL (or list such as NO_PROXY) with any userinfo replaced by `***`:
    /// `http://user:pw@proxy:3128` → `http://***@proxy:3128`.
    public static func withoutCredentials(_ url: String) -> String {
        guard let userInfo = userInfo(of: url) else { return url }
        return url.replacingCharacters(in: userInfo, with: "***")
    }

    /// `text` with every credential of these proxies replaced by `***`, for messages that may quote a proxy
    /// URL (libcurl's error text): the whole userinfo, and its user and password as written and %-decoded.
    public func scrub(_ text: String) -> String {
        var secrets: [String] = []
        for url in [option].compactMap({ $0 }) + environment.values {
            guard let range = Self.userInfo(of: url) else { continue }
            let userInfo = String(url[range])
            secrets.append(userInfo)
            // Parts shorter than 4 characters would turn ordinary words into ***; the whole userinfo still goes.
            for part in userInfo.split(separator: ":", maxSplits: 1).map(String.init) where part.count >= 4 {
                secrets.append(part)
                if let decoded = part.removingPercentEncoding, decoded != part { secrets.append(decoded) }
            }
        }
        var scrubbed = text
        for secret in secrets.sorted(by: { $0.count > $1.count }) {
            scrubbed = scrubbed.replacingOccurrences(of: secret, with: "***")
        }
        return scrubbed
    }

    /// The userinfo of `url`: between `scheme://` and the last `@`. A proxy URL has no path that could hold
    /// an `@`, and a password with an unencoded `/` or `?` must not slip past a stricter authority parser.
    static func userInfo(of url: String) -> Range<String.Index>? {
        let start = url.range(of: "://")?.upperBound ?? url.startIndex
        guard let at = url[start...].lastIndex(of: "@") else { return nil }
        return start..<at
    }
}
