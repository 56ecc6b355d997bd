import Foundation
import FoundationXML
import NetReadyTestSupport
import Testing

@testable import NetReady

/// `--format html`: a self-contained page from a real run, well-formed, with every string escaped.
@Suite struct HTMLReportTests {
    @Test func pageFromARealRunIsWellFormedAndNamesWhatIsBlocked() async throws {
        let listener = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("hostile.yaml")
        // A target name is user input that ends up in the page: it must come out as text.
        try """
        name: html
        targets:
          - name: "<script>alert('x')</script> & friends {{title}}"
            probes:
              - tcp://127.0.0.1:\(listener.port)
              - tcp://127.0.0.1:\(closed)
        """.write(to: file, atomically: true, encoding: .utf8)
        let page = directory.appendingPathComponent("report.html")
        let output = try await NetReadyBinary.run([
            "check", file.path, "--format", "html", "-o", page.path, "--samples", "1",
        ])
        #expect(output.status == 1, "stderr: \(output.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // The page's own script is the only one; the hostile name is text.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.contains("<script>alert"))
        // ... and template syntax inside a value is not expanded.
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends {{title}}"))
        #expect(html.contains("NOT READY"))

        let document = try XMLDocument(data: Data(html.utf8), options: [])
        let blocked = try document.nodes(forXPath: "//ul[@class='blocked']/li").compactMap(\.stringValue)
        #expect(blocked.count == 1)
        #expect(blocked.first?.contains("tcp://127.0.0.1:\(closed)") == true)
        #expect(blocked.first?.contains("tcp.refused") == true)
        let rows = try document.nodes(forXPath: "//table[@id='probes']/tbody/tr[@class='pass' or @class='fail']")
        #expect(rows.count == 2)
        let reasons = try document.nodes(forXPath: "//table[@class='reasons']/tbody/tr").compactMap(\.stringValue)
        #expect(reasons.count == 1 && reasons.first?.contains("tcp.refused") == true, "\(reasons)")
        // Both probes measured a connect time: one dot each in the latency chart.
        #expect(try document.nodes(forXPath: "//*[local-name()='circle' and @class='mark p50']").count == 2)
    }

    @Test func savedReportRendersAsHTMLToo() async throws {
        let listener = try LoopbackListener()
        let json = try await NetReadyBinary.run(["check", "tcp://127.0.0.1:\(listener.port)", "--format", "json"])
        #expect(json.status == 0)
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("nr-html-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: saved) }
        try json.stdout.write(to: saved, atomically: true, encoding: .utf8)
        let output = try await NetReadyBinary.run(["report", saved.path, "--format", "html"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout.contains("<p class=\"verdict ready\">READY</p>"))
        _ = try XMLDocument(data: Data(output.stdout.utf8), options: [])
    }

    @Test func templateNeverWritesAValueUnescaped() {
        #expect(!HTMLTemplate.text.contains("{{{") && !HTMLTemplate.text.contains("{{&"))
        #expect(!HTMLAssets.style.contains("{{") && !HTMLAssets.script.contains("{{"))
    }

    @Test func controlCharactersFromThePeerCannotBreakTheMarkup() {
        #expect(MarkupEscaping.escape("a\u{0}b\u{1B}[31mc") == "a\u{FFFD}b\u{FFFD}[31mc")
        #expect(MarkupEscaping.escape("x\"y'z") == "x&quot;y&#39;z")
        #expect(MarkupEscaping.escape("line\nnext\ttab") == "line\nnext\ttab")
    }
}
