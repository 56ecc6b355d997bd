import Foundation

/// The shipped Grafana dashboard (packaging/grafana/netready-fleet.json): its panels' PromQL, with
/// Grafana's variables replaced by what Grafana would send for "all sites".
enum GrafanaDashboard {
    static let file = NetReadyBinary.packageRoot.appendingPathComponent("packaging/grafana/netready-fleet.json")

    /// (panel title, expression) for every query of every panel, variables substituted.
    static func queries() throws -> [(title: String, expr: String)] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let panels = json?["panels"] as? [[String: Any]] ?? []
        return panels.flatMap { panel in
            (panel["targets"] as? [[String: Any]] ?? []).compactMap { target in
                guard let expr = target["expr"] as? String else { return nil }
                return (panel["title"] as? String ?? "?", substitute(expr))
            }
        }
    }

    /// `$site` as the "All" value (`.*`), `$__rate_interval` and `$__range` as durations.
    static func substitute(_ expr: String) -> String {
        expr.replacingOccurrences(of: "$__rate_interval", with: "1m").replacingOccurrences(of: "$__range", with: "1h")
            .replacingOccurrences(of: "$site", with: ".*")
    }
}
