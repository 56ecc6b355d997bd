/// The report formats of `--format`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, ndjson, junit, html, prometheus

    /// The format a file's name asks for, as the tools people know read it: `.json`, `.ndjson`, `.xml` (JUnit),
    /// `.html`, `.prom`, `.txt` (the table); `nil` for any other name.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[dot...].contains("/") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        case "xml": self = .junit
        case "html", "htm": self = .html
        case "prom": self = .prometheus
        case "txt": self = .table
        default: return nil
        }
    }

    /// The renderer for this format.
    public func renderer(color: Bool) -> any ReportRenderer {
        switch self {
        case .table: TableRenderer(color: color)
        case .json: JSONRenderer()
        case .ndjson: NDJSONRenderer()
        case .junit: JUnitRenderer()
        case .prometheus: PrometheusRenderer()
        case .html: HTMLRenderer()
        }
    }
}

/// Turns a finished report into text in one format.
public protocol ReportRenderer: Sendable {
    func render(_ report: Report) throws -> String
}
