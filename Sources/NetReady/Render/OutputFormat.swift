/// The report formats of `--format`.
package enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, ndjson, junit, html, prometheus

    /// The renderer for this format.
    package func renderer(color: Bool) -> any ReportRenderer {
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
package protocol ReportRenderer: Sendable {
    func render(_ report: Report) throws -> String
}
