/// The report formats of `--format`.
package enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, ndjson, junit, html, prometheus, firewall

    /// The format a file's name asks for, as the tools people know read it: `.json`, `.ndjson`, `.xml` (JUnit),
    /// `.html`, `.prom`, `.txt` (the table), `.csv` (the firewall change request); `nil` for any other name.
    package init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[dot...].contains("/") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        case "xml": self = .junit
        case "html", "htm": self = .html
        case "prom": self = .prometheus
        case "txt": self = .table
        case "csv": self = .firewall
        default: return nil
        }
    }

    /// The renderer for this format.
    package func renderer(color: Bool) -> any ReportRenderer {
        switch self {
        case .table: TableRenderer(color: color)
        case .json: JSONRenderer()
        case .ndjson: NDJSONRenderer()
        case .junit: JUnitRenderer()
        case .prometheus: PrometheusRenderer()
        case .html: HTMLRenderer()
        case .firewall: FirewallRenderer()
        }
    }
}

/// Turns a finished report into text in one format.
package protocol ReportRenderer: Sendable {
    func render(_ report: Report) throws -> String
}
