import Foundation
import FoundationXML
import NetReadyTestSupport
import Testing

/// `--format junit` as CI servers read it: valid against the junit-4 schema (checked with xmllint),
/// failures and errors counted apart, and each test case timed by its probe, not by a latency figure.
@Suite(.timeLimit(.minutes(2))) struct JUnitReportTests {
    @Test func everyStatusValidatesAgainstTheJUnit4SchemaWithItsOwnCount() async throws {
        let listener = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await NetReadyBinary.run([
            "check", "tcp://127.0.0.1:\(listener.port)", "tcp://127.0.0.1:\(closed)",
            "--format", "json", "--samples", "2", "--no-trace-blocked",
        ])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        // A real report, with one of the two refused probes turned into an error and a skip added, as a run
        // without permission for a raw socket or one cut short would write them.
        var report = try run.json()
        var targets = try #require(report["targets"] as? [[String: Any]])
        #expect(targets.count == 2)
        var refused = try #require(targets[1]["probes"] as? [[String: Any]])
        var errored = refused[0]
        errored["status"] = "error"
        var skipped = refused[0]
        skipped["status"] = "skip"
        skipped["attempts"] = []
        refused += [errored, skipped]
        targets[1]["probes"] = refused
        report["targets"] = targets
        let saved = directory.appendingPathComponent("edited.json")
        try JSONSerialization.data(withJSONObject: report).write(to: saved)

        let junit = try await NetReadyBinary.run(["report", saved.path, "--format", "junit"])
        #expect(junit.status == 0, "stderr: \(junit.stderr)")
        let xml = directory.appendingPathComponent("report.xml")
        try junit.stdout.write(to: xml, atomically: true, encoding: .utf8)
        let schema = NetReadyBinary.packageRoot.appendingPathComponent("schema/junit-4.xsd").path
        let lint = try await onOwnThread {
            try ChildProcess("/usr/bin/xmllint", ["--noout", "--schema", schema, xml.path]).runCapturing(
                timeoutSeconds: 60)
        }
        #expect(lint.status == 0, "xmllint: \(lint.stderr)")

        let document = try XMLDocument(data: Data(junit.stdout.utf8), options: [])
        let root = try #require(document.rootElement())
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        #expect(try document.nodes(forXPath: "//testcase/error").count == 1)
        #expect(try document.nodes(forXPath: "//testcase/failure").count == 1)
        #expect(try document.nodes(forXPath: "//testcase/skipped").count == 1)
        // Times are plain decimals with millisecond precision; a case that never ran took no time.
        let times = try document.nodes(forXPath: "//testcase/@time").compactMap(\.stringValue)
        #expect(times.count == 4)
        #expect(times.allSatisfy { $0.wholeMatch(of: /\d+\.\d{3}/) != nil }, "\(times)")
        let skippedCase = try #require(try document.nodes(forXPath: "//testcase[skipped]").first as? XMLElement)
        #expect(skippedCase.attribute(forName: "time")?.stringValue == "0.000")
    }
}
