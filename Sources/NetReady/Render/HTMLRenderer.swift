import Foundation

/// `--format html`: one self-contained page (inline CSS, no scripts, nothing fetched) that support
/// can attach to a ticket and anyone can open offline: the verdict, what is blocked and how, the
/// egress addresses, and every probe with its latency and details.
///
/// The page is well-formed XHTML-compatible markup, and every string in it is escaped: report
/// text partly comes from the network.
struct HTMLRenderer: ReportRenderer {
    init() {}

    func render(_ report: Report) throws -> String {
        var page = HTMLPage()
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        page.element("title", "netready — \(Self.verdictWords(report.summary.verdict)) — \(report.host.hostname)")
        page.raw("<style>\(Self.style)</style>\n</head>\n<body>\n")
        header(report, into: &page)
        blocked(report.summary, into: &page)
        try egress(report.egress, into: &page)
        for target in report.targets { try self.target(target, into: &page) }
        try footer(report, into: &page)
        page.raw("</body>\n</html>\n")
        return page.text
    }

    private func header(_ report: Report, into page: inout HTMLPage) {
        let summary = report.summary
        page.raw("<h1>netready report</h1>\n")
        page.raw("<p class=\"verdict \(summary.verdict.rawValue)\">")
        page.text(Self.verdictWords(summary.verdict))
        page.raw("</p>\n<p>")
        page.text(
            "\(summary.passed) passed, \(summary.failed) failed, \(summary.warned) warned, \(summary.skipped) skipped, "
                + "\(summary.errors) errors — \(summary.probes) probes in \(summary.targets) targets, "
                + String(format: "%.1f s", report.durationMs / 1000))
        page.raw("</p>\n<p class=\"meta\">")
        page.text(
            "from \(report.host.hostname) (\(report.host.os)), started \(RFC3339.string(from: report.startedAt)), "
                + "\(report.tool.name) \(report.tool.version)")
        page.raw("</p>\n")
        if report.incomplete {
            page.raw("<p class=\"warn\">Incomplete: the run was stopped before every probe finished.</p>\n")
        }
    }

    private func blocked(_ summary: Summary, into page: inout HTMLPage) {
        guard !summary.blockedRequired.isEmpty else { return }
        page.raw("<h2>Blocked required destinations</h2>\n<ul class=\"blocked\">\n")
        for destination in summary.blockedRequired {
            page.raw("<li><code>")
            page.text(destination.uri)
            page.raw("</code> (")
            page.text(destination.target)
            page.raw(")")
            if let reason = destination.reason {
                page.raw(" — ")
                page.reason(reason)
            }
            page.raw(": ")
            page.text(destination.message)
            page.raw("</li>\n")
        }
        page.raw("</ul>\n")
    }

    private func egress(_ egress: EgressInfo, into page: inout HTMLPage) throws {
        page.raw("<h2>Egress</h2>\n")
        if egress.addresses.isEmpty {
            page.raw("<p class=\"meta\">No egress address was learned in this run.</p>\n")
        } else {
            page.raw("<table>\n<tr><th>address</th><th>family</th><th>seen</th><th>methods</th></tr>\n")
            for address in egress.addresses {
                page.row([address.ip, address.family, String(address.count), address.via.joined(separator: ", ")])
            }
            page.raw("</table>\n")
            let stability =
                switch egress.stable {
                case true?: "stable: one egress address"
                case false?: "NOT stable: the egress address changes between connections"
                case nil: "stability unknown"
                }
            page.raw("<p class=\"\(egress.stable == false ? "warn" : "meta")\">")
            page.text(stability)
            page.raw("</p>\n")
        }
        for note in egress.notes {
            page.raw("<p class=\"note\">")
            page.text(note)
            page.raw("</p>\n")
        }
        page.details(summary: "egress as JSON", json: try Self.json(egress))
    }

    private func target(_ target: TargetResult, into page: inout HTMLPage) throws {
        page.raw("<h2>")
        page.text(target.name)
        page.raw("</h2>\n")
        if !target.required || !target.tags.isEmpty {
            page.raw("<p class=\"meta\">")
            page.text(
                [
                    target.required ? nil : "optional",
                    target.tags.isEmpty ? nil : "tags: " + target.tags.joined(separator: ", "),
                ]
                .compactMap { $0 }.joined(separator: " — "))
            page.raw("</p>\n")
        }
        page.raw(
            "<table>\n<tr><th></th><th>probe</th><th>address</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>"
                + "<th>result</th></tr>\n")
        for probe in target.probes {
            let (mark, _) = TableRenderer.mark(for: probe.status)
            page.raw("<tr class=\"\(probe.status.rawValue)\"><td>")
            page.text(mark)
            page.raw("</td><td><code>")
            page.text(probe.uri)
            page.raw("</code></td><td>")
            page.text(probe.address ?? "")
            for value in [probe.latencyMs?.p50, probe.latencyMs?.p90, probe.latencyMs?.p99] {
                page.raw("</td><td class=\"num\">")
                page.text(value.map { String(format: "%.2f", $0) } ?? "")
            }
            page.raw("</td><td>")
            if let reason = probe.reason {
                page.reason(reason)
                page.raw(" — ")
            }
            page.text(probe.message)
            if !probe.details.isEmpty {
                page.details(summary: "details", json: try Self.json(probe.details))
            }
            page.raw("</td></tr>\n")
        }
        page.raw("</table>\n")
    }

    private func footer(_ report: Report, into page: inout HTMLPage) throws {
        page.raw("<h2>Run</h2>\n")
        page.details(summary: "host, options and target files as JSON", json: try Self.json(RunContext(report)))
    }

    /// The parts of the report about where and how it ran, for the footer.
    private struct RunContext: Encodable {
        let host: HostInfo
        let options: RunOptionsInfo
        let tool: ToolInfo

        init(_ report: Report) {
            host = report.host
            options = report.options
            tool = report.tool
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONRenderer.encoder(pretty: true).encode(value), as: UTF8.self)
    }

    private static func verdictWords(_ verdict: Verdict) -> String {
        switch verdict {
        case .ready: "READY"
        case .degraded: "DEGRADED"
        case .notReady: "NOT READY"
        }
    }

    private static let style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
        table{border-collapse:collapse;margin:.5em 0 1.5em}
        td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .verdict{font-size:1.6em;font-weight:bold}
        .ready{color:#17803d}.degraded{color:#a36b00}.not_ready{color:#b3261e}
        tr.pass td:first-child{color:#17803d}tr.fail td:first-child,tr.error td:first-child{color:#b3261e}
        tr.warn td:first-child{color:#a36b00}tr.skip{color:#777}
        .meta{color:#666}.warn{color:#a36b00;font-weight:bold}.note{background:#fff6dc;padding:.4em .6em}
        pre{background:#f6f6f6;padding:.5em;overflow:auto;max-width:60em}
        """
}

/// The page being written: markup goes in raw, every string from the report through `text`.
private struct HTMLPage {
    var text = ""

    mutating func raw(_ markup: String) { text += markup }

    mutating func text(_ value: String) { text += MarkupEscaping.escape(value) }

    mutating func element(_ name: String, _ value: String) {
        raw("<\(name)>")
        text(value)
        raw("</\(name)>\n")
    }

    mutating func row(_ cells: [String]) {
        raw("<tr>")
        for cell in cells {
            raw("<td>")
            text(cell)
            raw("</td>")
        }
        raw("</tr>\n")
    }

    /// A reason in words, then its code.
    mutating func reason(_ reason: Reason) {
        raw("<strong>")
        text(reason.words)
        raw("</strong> <code>")
        text(reason.rawValue)
        raw("</code>")
    }

    mutating func details(summary: String, json: String) {
        raw("<details><summary>")
        text(summary)
        raw("</summary><pre>")
        text(json)
        raw("</pre></details>\n")
    }
}
