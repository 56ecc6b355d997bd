import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// The HTML report of a lab run over the lab's varied destinations (docs/report-example.yaml: open, slow,
    /// lossy, refused, dropped, prohibited, an expired certificate, RTP streams), checked in a headless browser
    /// like the loopback report: charts with one mark per measured probe, media bars per stream, filtering.
    @Suite(.enabled(if: HeadlessChromium.shouldRun, "chromium-headless-shell is not installed (scripts/install-deps)"))
    struct HTMLLabTests {
        @Test func labReportRendersAndFiltersInTheBrowser() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "nr-html-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let responder = try await MediaLabTests.FarResponder()
            try await Lab.control(["delay", "60"])
            try await Lab.control(["loss", "4"])
            let json = directory.appendingPathComponent("report.json")
            let targets = NetReadyBinary.packageRoot.appendingPathComponent("docs/report-example.yaml")
            let outcome: Result<NetReadyBinary.Output, any Error>
            do {
                outcome = .success(
                    try await Lab.netready(
                        [
                            "check", targets.path, "--samples", "5", "--timeout", "2s", "--ca-file",
                            HTTPLabTests.caFile, "-o", json.path,
                        ], timeoutSeconds: 300))
            } catch {
                outcome = .failure(error)
            }
            // Put the lab back before anything else can fail.
            try await Lab.control(["delay", "0"])
            try await Lab.control(["loss", "0"])
            try await responder.stop()
            let run = try outcome.get()
            // A required destination is prohibited by the lab's firewall: NOT READY.
            #expect(run.status == 1, "stderr: \(run.stderr)")
            try await HTMLBrowserCheck.check(
                json: json, in: directory, screenshot: directory.appendingPathComponent("report.png"))
        }
    }
}
