import Foundation
import NetReadyTestSupport
import Testing

/// `netready report` reads what `check` wrote: JSON, NDJSON (whole, or cut short by a kill) and standard
/// input; a file of another schema or a broken one gets a sentence, not a Swift DecodingError.
@Suite(.timeLimit(.minutes(2))) struct SavedReportTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-saved-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A real run with one open and one refused port, saved as JSON and NDJSON at once.
    private func savedRun() async throws {
        let listener = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let run = try await NetReadyBinary.run([
            "check", "tcp://127.0.0.1:\(listener.port)", "tcp://127.0.0.1:\(closed)", "--samples", "2",
            "--no-trace-blocked", "-o", path("r.json"), "-o", path("r.ndjson"),
        ])
        #expect(run.status == 1, "stderr: \(run.stderr)")
    }

    private func summary(_ output: NetReadyBinary.Output) throws -> [String: Any] {
        try #require(try output.json()["summary"] as? [String: Any])
    }

    @Test func anNDJSONStreamReadsAsTheSameReport() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await savedRun()
        let fromJSON = try await NetReadyBinary.run(["report", path("r.json"), "--format", "json"])
        let fromNDJSON = try await NetReadyBinary.run(["report", path("r.ndjson"), "--format", "json"])
        #expect(fromNDJSON.status == 0, "\(fromNDJSON.stderr)")
        for key in ["verdict", "probes", "passed", "failed"] {
            #expect("\(try summary(fromNDJSON)[key] ?? "")" == "\(try summary(fromJSON)[key] ?? "")", "\(key)")
        }
        #expect(try fromNDJSON.json()["incomplete"] as? Bool == false)
        #expect(try fromNDJSON.json()["started_at"] as? String == (try fromJSON.json()["started_at"] as? String))
    }

    @Test func aStreamCutShortByAKillIsAnIncompleteReportOfWhatFinished() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await savedRun()
        // What a killed run leaves: its probe lines, no summary line.
        let lines = try String(contentsOfFile: path("r.ndjson"), encoding: .utf8).split(separator: "\n")
        try (lines.dropLast().joined(separator: "\n") + "\n").write(
            toFile: path("killed.ndjson"), atomically: true, encoding: .utf8)
        let output = try await NetReadyBinary.run(["report", path("killed.ndjson"), "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let report = try output.json()
        #expect(report["incomplete"] as? Bool == true)
        #expect(try summary(output)["probes"] as? Int == 2)
        #expect(try summary(output)["verdict"] as? String == "not_ready")
    }

    @Test func standardInputIsDash() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await savedRun()
        let output = try await onOwnThread {
            let process = ChildProcess(NetReadyBinary.path, ["report", "-", "--format", "table"])
            process.standardInput = FileHandle(forReadingAtPath: path("r.json"))
            return try process.runCapturing(timeoutSeconds: 60)
        }
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("NOT READY: 1 passed, 1 failed"), "\(output.stdout)")
    }

    @Test func anotherSchemaOrABrokenFileIsNamedInASentence() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        for (text, says) in [
            (#"{"schema": "netready.report/v9", "targets": []}"#, "unsupported schema 'netready.report/v9'"),
            (#"{"schema": "netready.report/v1"}"#, "missing field 'tool' at the top level"),
            ("<html>not a report</html>", "neither a JSON report nor NDJSON"),
        ] {
            try text.write(toFile: path("bad.json"), atomically: true, encoding: .utf8)
            let output = try await NetReadyBinary.run(["report", path("bad.json")])
            #expect(output.status == 2, "\(text): \(output.stderr)")
            #expect(output.stderr.contains(says), "\(output.stderr)")
            #expect(!output.stderr.contains("DecodingError"))
        }
    }
}
