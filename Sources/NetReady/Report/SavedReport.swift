import Foundation

/// Reads a report netready wrote, for `report` and `diff`: the JSON report, or an NDJSON stream — whole, or
/// cut short by a kill, when it has no summary line and becomes an incomplete report of what finished.
/// NDJSON lists targets in the order their first probe finished and does not carry their tags.
package enum SavedReport {
    /// Why a saved report could not be read, in words for the command line.
    package struct ReadError: Error, CustomStringConvertible {
        package let description: String
    }

    /// Decodes a report from a JSON document or an NDJSON stream.
    ///
    /// - Parameter name: the file's name (or `-`), for error messages.
    /// - Throws: ``ReadError`` naming the file and what is wrong: not JSON, another schema, a missing field.
    package static func decode(_ data: Data, name: String) throws(ReadError) -> Report {
        // A one-line NDJSON stream is a JSON object too: its `type` field tells them apart.
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["type"] == nil {
            try checkSchema(object["schema"], name: name)
            return try decoding(name: name) { try JSONRenderer.decoder().decode(Report.self, from: data) }
        }
        let lines = data.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }
        let records = lines.map { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        guard !records.isEmpty, records.allSatisfy({ $0?["type"] is String }) else {
            throw ReadError(description: "\(name) is not a netready report: neither a JSON report nor NDJSON")
        }
        return try decodeStream(lines: lines.map { Data($0) }, records: records.compactMap { $0 }, name: name)
    }

    private static func checkSchema(_ schema: Any?, name: String) throws(ReadError) {
        guard let schema = schema as? String else {
            throw ReadError(description: "\(name) is not a netready report: it has no \"schema\" field")
        }
        guard schema == Report.schemaIdentifier else {
            throw ReadError(
                description: "\(name): unsupported schema '\(schema)'; this netready reads \(Report.schemaIdentifier)")
        }
    }

    /// Probe lines grouped back into their targets in the order they were written; the summary line gives
    /// the run's facts. Without one (the run was killed) the report is marked incomplete.
    private static func decodeStream(lines: [Data], records: [[String: Any]], name: String) throws(ReadError)
        -> Report
    {
        var targets: [(name: String, required: Bool, probes: [ProbeResult])] = []
        var summary: NDJSONSummaryRecord?
        for (index, (line, record)) in zip(lines, records).enumerated() {
            let place = "\(name):\(index + 1)"
            switch record["type"] as? String {
            case "probe":
                let header = try decoding(name: place) { try JSONRenderer.decoder().decode(ProbeLine.self, from: line) }
                let probe = try decoding(name: place) { try JSONRenderer.decoder().decode(ProbeResult.self, from: line) }
                if let at = targets.firstIndex(where: { $0.name == header.target }) {
                    targets[at].probes.append(probe)
                } else {
                    targets.append((header.target, header.required, [probe]))
                }
            case "summary":
                try checkSchema(record["schema"], name: place)
                summary = try decoding(name: place) { try JSONRenderer.decoder().decode(NDJSONSummaryRecord.self, from: line) }
            default:
                throw ReadError(description: "\(place): unknown record type '\(record["type"] ?? "")'")
            }
        }
        let results = targets.map { TargetResult(name: $0.name, required: $0.required, tags: [], probes: $0.probes) }
        guard let summary else { return killedRun(results) }
        return Report(
            tool: summary.tool, startedAt: summary.startedAt, finishedAt: summary.finishedAt,
            incomplete: summary.incomplete, host: summary.host, options: summary.options, egress: summary.egress,
            targets: results)
    }

    /// A stream without its summary line: what finished, as an incomplete report spanning its attempts.
    private static func killedRun(_ targets: [TargetResult]) -> Report {
        let attempts = targets.flatMap(\.probes).flatMap(\.attempts)
        let start = attempts.map(\.at).min() ?? Date(timeIntervalSince1970: 0)
        let end = attempts.map { $0.at.addingTimeInterval(($0.ms ?? 0) / 1000) }.max() ?? start
        return Report(
            tool: ReportBuilder.toolInfo, startedAt: start, finishedAt: end, incomplete: true,
            host: HostInfo(hostname: "", os: "", interfaces: [], resolvers: [], proxy: [:]),
            options: RunOptionsInfo(samples: 0, timeoutMs: 0, concurrency: 0, sources: [], tags: []),
            egress: EgressInfo(notes: ["the run was killed before its summary line: host and egress facts are lost"]),
            targets: targets)
    }

    private static func decoding<T>(name: String, _ body: () throws -> T) throws(ReadError) -> T {
        do {
            return try body()
        } catch let error as DecodingError {
            throw ReadError(description: "\(name) is not a valid netready report: \(Self.words(error))")
        } catch {
            throw ReadError(description: "\(name) is not a valid netready report: \(error)")
        }
    }

    /// A decoding error as a person reads it: what is wrong, and where (`targets[0].probes[2].status`).
    static func words(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "at the top level" : "at \(path.drop { $0 == "." })"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) \(path(context))"
        @unknown default: return "\(error)"
        }
    }

    private struct ProbeLine: Decodable {
        let target: String
        let required: Bool
    }
}
