import Foundation
internal import NetReadyPosix

extension ProxySettings {
    /// The proxy libcurl will use for a request to `scheme://host`, as libcurl chooses it: `--proxy` first,
    /// else `http_proxy` (lower case only, as libcurl reads it) for http, `HTTPS_PROXY`/`https_proxy` for
    /// https, then `ALL_PROXY`/`all_proxy`; none when `NO_PROXY` covers the host (it applies to `--proxy` too).
    /// The URL keeps its credentials: it is for libcurl and for ``withoutCredentials(_:)``, never for people.
    public func proxy(scheme: String, host: String) -> String? {
        let chosen: String?
        if let option {
            chosen = option
        } else {
            let names =
                switch scheme.lowercased() {
                case "http", "ws": ["http_proxy", "ALL_PROXY", "all_proxy"]
                default: ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
                }
            chosen = names.lazy.compactMap { environment[$0] }.first
        }
        guard let chosen, !chosen.isEmpty else { return nil }
        let noProxy = environment["NO_PROXY"] ?? environment["no_proxy"] ?? ""
        return Self.noProxy(noProxy, covers: host) ? nil : chosen
    }

    /// Whether a NO_PROXY list covers `host`: `*`; a name equal to the host or a domain it ends in (with or
    /// without a leading dot); an address equal to it; or a network in CIDR form containing it.
    static func noProxy(_ list: String, covers host: String) -> Bool {
        let host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        for raw in list.split(separator: ",") {
            let entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return true }
            if entry.contains("/") {
                if let network = IPNetwork(entry), network.contains(host) { return true }
                continue
            }
            let name = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            let bare = name.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if host == bare || host.hasSuffix("." + bare) { return true }
        }
        return false
    }
}
