import Foundation
import NetReadyTestSupport
import Testing

/// Renders a saved JSON report as HTML with `netready report` and checks the page in a real headless
/// browser against the report it came from: a screenshot of the requested size, one latency mark per probe
/// with latency, one media bar pair per stream, every row shown; with `#status=fail` only the failing rows,
/// with a combined fragment only what matches both, and with script disabled every row and no controls.
enum HTMLBrowserCheck {
    static let width = 1280
    static let height = 1800

    /// Checks the page rendered from `json`, working in `directory`; the screenshot goes to `screenshot`.
    static func check(json: URL, in directory: URL, screenshot: URL) async throws {
        let page = directory.appendingPathComponent("report.html")
        let render = try await NetReadyBinary.run(["report", json.path, "--format", "html", "-o", page.path])
        #expect(render.status == 0 || render.status == 1, "stderr: \(render.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let probes = (report["targets"] as? [[String: Any]] ?? []).flatMap { target in
            (target["probes"] as? [[String: Any]] ?? []).map { (target["name"] as? String ?? "", $0) }
        }
        let chromium = HeadlessChromium(profile: directory.appendingPathComponent("chromium-profile"))

        try await chromium.screenshot(page, to: screenshot, width: width, height: height)
        let png = try Data(contentsOf: screenshot)
        let size = try #require(pngSize(png), "not a PNG: \(png.count) bytes")
        #expect(size.width == width && size.height == height, "\(size)")
        // A blank 1280×1800 page compresses to a few kB; the report's text and charts take far more.
        #expect(png.count > 20_000, "\(png.count) bytes: is the page blank?")

        let full = DumpedPage(html: try await chromium.dumpDOM(page.absoluteString))
        let withLatency = probes.filter { $0.1["latency_ms"] is [String: Any] }.count
        #expect(withLatency > 0)
        #expect(full.count("class=\"mark p50\"", between: "<section id=\"latency\"", and: "</section>") == withLatency)
        let streams = probes.filter { ($0.1["details"] as? [String: Any])?["media"] != nil }.count
        #expect(full.count("class=\"bar loss\"", between: "<section id=\"media\"", and: "</section>") == streams)
        #expect(full.count("class=\"bar jitter\"", between: "<section id=\"media\"", and: "</section>") == streams)
        let rows = full.probeRows
        #expect(rows.count == probes.count)
        #expect(rows.allSatisfy { !$0.hidden })
        // The script ran: it shows the filter controls and counts the rows.
        #expect(full.openingTag("<form id=\"filters\"")?.contains("hidden") == false)
        #expect(full.html.contains("\(probes.count) of \(probes.count) probes shown"))

        let failing = probes.filter { $0.1["status"] as? String == "fail" }
        #expect(!failing.isEmpty, "the report needs a failing probe")
        let onlyFailing = DumpedPage(html: try await chromium.dumpDOM(page.absoluteString + "#status=fail")).probeRows
        #expect(onlyFailing.count == probes.count)
        #expect(onlyFailing.filter { !$0.hidden }.count == failing.count)
        #expect(onlyFailing.allSatisfy { $0.hidden == ($0.status != "fail") }, "\(onlyFailing)")

        // Combined: failing probes of one target with one reason.
        let (target, probe) = failing[0]
        let reason = try #require(probe["reason"] as? String)
        let fragment = "#status=fail&reason=\(encoded(reason))&target=\(encoded(target))"
        let expected = failing.filter { $0.0 == target && $0.1["reason"] as? String == reason }.count
        let combined = DumpedPage(html: try await chromium.dumpDOM(page.absoluteString + fragment)).probeRows
        #expect(combined.filter { !$0.hidden }.count == expected, "\(fragment): \(combined)")
        #expect(combined.filter { !$0.hidden }.allSatisfy { $0.status == "fail" && $0.reason == reason })

        // Sorting: a click on the "p50 ms" header (by a script added to a copy of the page) orders the rows by
        // p50, probes without latency last.
        let sorted = directory.appendingPathComponent("report-sorted.html")
        let click = "<script>document.querySelectorAll('#probes th button')[4].click()</script>"
        try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</body>", with: click + "</body>")
            .write(to: sorted, atomically: true, encoding: .utf8)
        let sortedPage = DumpedPage(html: try await chromium.dumpDOM(sorted.absoluteString))
        #expect(sortedPage.html.contains("aria-sort=\"ascending\""), "the click did not sort")
        let byP50 = sortedPage.probeRows.map(\.p50)
        let measured = byP50.prefix { $0 != nil }.compactMap { $0 }
        #expect(measured.count == withLatency && measured == measured.sorted(), "\(byP50)")

        // Script blocked (a Content-Security-Policy, as ticket systems serve attachments): the same fragment
        // hides nothing, the controls (which need script) stay hidden, the charts are there.
        let blocked = directory.appendingPathComponent("report-no-script.html")
        let noScript = "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\"/>"
        try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "<head>", with: "<head>" + noScript)
            .write(to: blocked, atomically: true, encoding: .utf8)
        let plain = DumpedPage(html: try await chromium.dumpDOM(blocked.absoluteString + "#status=fail"))
        #expect(plain.probeRows.count == probes.count && plain.probeRows.allSatisfy { !$0.hidden })
        #expect(plain.openingTag("<form id=\"filters\"")?.contains("hidden") == true)
        #expect(plain.count("class=\"mark p50\"", between: "<section id=\"latency\"", and: "</section>") == withLatency)
    }

    private static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }
}
