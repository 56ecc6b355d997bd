import Foundation

/// `--format ndjson`: one JSON object per finished probe, written as it finishes, then the
/// summary as the last line, so a killed run still leaves every finished result behind.
package struct NDJSONRenderer: ReportRenderer {
    package init() {}

    /// One line for one finished probe, tagged with its target.
    package func line(for result: ProbeResult, target: String, required: Bool) throws -> String {
        let record = ProbeRecord(type: "probe", target: target, required: required, result: result)
        return String(decoding: try JSONRenderer.encoder(pretty: false).encode(record), as: UTF8.self) + "\n"
    }

    /// The closing line: the report without its targets (they were streamed already).
    package func summaryLine(for report: Report) throws -> String {
        let record = NDJSONSummaryRecord(
            type: "summary", schema: report.schema, tool: report.tool, startedAt: report.startedAt,
            finishedAt: report.finishedAt, durationMs: report.durationMs, incomplete: report.incomplete,
            host: report.host, options: report.options, summary: report.summary, egress: report.egress)
        return String(decoding: try JSONRenderer.encoder(pretty: false).encode(record), as: UTF8.self) + "\n"
    }

    /// The whole stream at once, for `netready report --format ndjson`.
    package func render(_ report: Report) throws -> String {
        var text = ""
        for target in report.targets {
            for probe in target.probes { text += try line(for: probe, target: target.name, required: target.required) }
        }
        return text + (try summaryLine(for: report))
    }

    private struct ProbeRecord: Encodable {
        let type: String
        let target: String
        let required: Bool
        let result: ProbeResult

        enum CodingKeys: String, CodingKey { case type, target, required }

        func encode(to encoder: Encoder) throws {
            // The probe's own fields sit at the top level beside `type` and `target`.
            try result.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(target, forKey: .target)
            try container.encode(required, forKey: .required)
        }
    }
}
