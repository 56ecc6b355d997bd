import Foundation
import NetReadyTestSupport
import Testing

/// `schema/netready.report.v1.schema.json` checked by a real validator (Debian's python3-jsonschema,
/// draft 2020-12, through scripts/validate-report) against reports of real runs, and shown to reject a
/// report that breaks it.
@Suite(.timeLimit(.minutes(3))) struct ReportSchemaTests {
    static let validator = NetReadyBinary.packageRoot.appendingPathComponent("scripts/validate-report").path

    private func validate(_ paths: [String]) async throws -> NetReadyBinary.Output {
        try await onOwnThread {
            let (status, stdout, stderr) = try ChildProcess(Self.validator, paths).runCapturing(timeoutSeconds: 120)
            return NetReadyBinary.Output(status: status, stdout: stdout, stderr: stderr)
        }
    }

    @Test func reportsOfRealRunsAreValid() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let listener = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let runs: [[String]] = [
            ["tcp://127.0.0.1:\(listener.port)", "tcp://127.0.0.1:\(closed)", "udp://127.0.0.1:\(closed)"],
            ["tcp://localhost:\(closed)-\(closed + 20)", "dns:localhost", "http://127.0.0.1:\(closed)/"],
            ["tcp://127.0.0.1:\(listener.port)", "--deadline", "1ms"],
        ]
        // The golden reports (loopback, and the lab run of every probe kind) too.
        let fixtures = NetReadyBinary.packageRoot.appendingPathComponent("Tests/NetReadyTests/Fixtures")
        var paths = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".json") }
            .map { fixtures.appendingPathComponent($0).path }
        #expect(paths.count >= 2)
        for (index, arguments) in runs.enumerated() {
            let path = directory.appendingPathComponent("run\(index).json").path
            _ = try await NetReadyBinary.run(["check"] + arguments + ["--samples", "2", "--timeout", "1s", "-o", path])
            paths.append(path)
        }
        let output = try await validate(paths)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.split(separator: "\n").count == paths.count)
    }

    @Test func aReportThatBreaksTheSchemaIsRejected() async throws {
        let listener = try LoopbackListener()
        let run = try await NetReadyBinary.run(["check", "tcp://127.0.0.1:\(listener.port)", "--format", "json"])
        var report = try run.json()
        var summary = try #require(report["summary"] as? [String: Any])
        summary["verdict"] = "mostly fine"
        report["summary"] = summary
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nr-bad-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: path) }
        try JSONSerialization.data(withJSONObject: report).write(to: path)
        let output = try await validate([path.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains("summary/verdict"), "\(output.stdout)")
    }
}
