import Foundation
import NetReadyTestSupport
import Testing

/// The HTML report in a real headless browser (Debian's chromium-headless-shell), from a real loopback
/// run whose statuses and reasons vary: an open port, a refused one, and in an optional target an open
/// port that should be closed (`expect: blocked`) and a refused one that should be.
@Suite(.enabled(if: HeadlessChromium.shouldRun, "chromium-headless-shell is not installed (scripts/install-deps)"))
struct HTMLBrowserTests {
    @Test func chartsRenderAndTheFragmentFiltersRows() async throws {
        let listener = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let targets = directory.appendingPathComponent("site.yaml")
        try """
        name: browser
        targets:
          - name: Agent desktop
            probes:
              - tcp://127.0.0.1:\(listener.port)
              - tcp://127.0.0.1:\(closed)
          - name: Admin ports stay closed
            required: false
            probes:
              - uri: tcp://127.0.0.1:\(listener.port)
                expect: blocked
              - uri: tcp://127.0.0.1:\(closed)
                expect: blocked
        """.write(to: targets, atomically: true, encoding: .utf8)
        let json = directory.appendingPathComponent("report.json")
        let run = try await NetReadyBinary.run(["check", targets.path, "--samples", "3", "-o", json.path])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        try await HTMLBrowserCheck.check(
            json: json, in: directory, screenshot: directory.appendingPathComponent("report.png"))
    }
}
