import Foundation

/// The last line of an NDJSON stream: the report without its targets (they were streamed already).
/// Written by ``NDJSONRenderer`` and read back by ``SavedReport``.
struct NDJSONSummaryRecord: Codable {
    var type = "summary"
    let schema: String
    let tool: ToolInfo
    let startedAt: Date
    let finishedAt: Date
    let durationMs: Double
    let incomplete: Bool
    let host: HostInfo
    let options: RunOptionsInfo
    let summary: Summary
    let egress: EgressInfo

    enum CodingKeys: String, CodingKey {
        case type, schema, tool
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationMs = "duration_ms"
        case incomplete, host, options, summary, egress
    }
}
