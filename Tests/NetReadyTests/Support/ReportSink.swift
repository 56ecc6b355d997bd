import Foundation

/// Keeps a copy of every JSON report a test's `netready` run printed, in the directory
/// `NETREADY_TEST_REPORT_SINK` names, so `scripts/test` can check each one against the JSON Schema with
/// a real validator after the tests (`scripts/validate-report`). Unset, nothing is kept.
enum ReportSink {
    private static let directory = ProcessInfo.processInfo.environment["NETREADY_TEST_REPORT_SINK"]

    /// Writes `output` to the sink when it is a whole `netready.report/v1` document (not NDJSON, not a table).
    static func keep(_ output: String) {
        guard let directory, !directory.isEmpty else { return }
        let data = Data(output.utf8)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["schema"] as? String == "netready.report/v1"
        else { return }
        let name = "report-\(getpid())-\(UUID().uuidString).json"
        try? data.write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
}
