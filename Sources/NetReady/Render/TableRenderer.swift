import Foundation

/// `--format table`: what a person reads in a terminal. Grouped by target, one line per probe
/// with ✓ / ✗ / ! / -, the reason in words, and p50/p90/p99 connect times.
struct TableRenderer: ReportRenderer {
    /// ANSI colours, off when the output is not a terminal or `NO_COLOR` is set.
    var color: Bool

    init(color: Bool) { self.color = color }

    func render(_ report: Report) throws -> String {
        var lines: [String] = []
        let uriWidth = min(48, report.targets.flatMap(\.probes).map(\.uri.count).max() ?? 10)
        if let requirements = report.requirements, !requirements.isEmpty {
            lines.append(paint("Requirements", .bold))
            for row in requirements { lines.append(requirementLine(row)) }
            lines.append("")
        }
        if !report.targets.isEmpty { lines.append(paint(header(uriWidth: uriWidth), .dim)) }
        for target in report.targets {
            let flag = target.required ? "" : paint(" (optional)", .dim)
            let tags = target.tags.isEmpty ? "" : paint("  [" + target.tags.joined(separator: ", ") + "]", .dim)
            lines.append(paint(target.name, .bold) + flag + tags)
            for probe in target.probes {
                lines.append(line(for: probe, uriWidth: uriWidth))
            }
            lines.append("")
        }
        lines.append(contentsOf: footer(report))
        return lines.joined(separator: "\n") + "\n"
    }

    /// "  ✓ Calling: RTT < 200 ms — p50 23 ms (source: ...)", or "– ... — not measured: why".
    private func requirementLine(_ row: RequirementRow) -> String {
        let style: Style =
            switch row.status {
            case .pass: .green
            case .fail: .red
            case .notMeasured: .dim
            }
        var text = "  " + paint(row.mark, style) + " " + row.name
        if let measured = row.measured { text += " — " + measured }
        if let why = row.why { text += " — " + why }
        if let source = row.source { text += paint(" (source: \(source))", .dim) }
        return text
    }

    /// The column titles over the probe lines, aligned with them (latency percentiles in milliseconds).
    private func header(uriWidth: Int) -> String {
        "    " + "probe".padding(toLength: uriWidth, withPad: " ", startingAt: 0) + "  "
            + ["p50", "p90", "p99"].map { String(repeating: " ", count: 8 - $0.count) + $0 }.joined(separator: " ")
            + " ms  result"
    }

    private func line(for probe: ProbeResult, uriWidth: Int) -> String {
        let (mark, style) = Self.mark(for: probe.status)
        let uri = probe.uri.padding(toLength: max(uriWidth, probe.uri.count), withPad: " ", startingAt: 0)
        var columns = "  " + paint(mark, style) + " " + uri + "  "
        if let latency = probe.latencyMs {
            columns += String(format: "%8.2f %8.2f %8.2f ms  ", latency.p50, latency.p90, latency.p99)
        } else {
            columns += String(repeating: " ", count: 31)
        }
        if let reason = probe.reason {
            columns +=
                paint(reason.words(for: probe.status), style) + paint(" (\(reason.rawValue))", .dim) + " — "
                + probe.message
        } else {
            columns += probe.message
        }
        return columns
    }

    private func footer(_ report: Report) -> [String] {
        let summary = report.summary
        let verdict: String
        switch summary.verdict {
        case .ready: verdict = paint("READY", .green)
        case .degraded: verdict = paint("DEGRADED", .yellow)
        case .notReady: verdict = paint("NOT READY", .red)
        }
        var lines = [
            "\(verdict): \(summary.passed) passed, \(summary.failed) failed, \(summary.warned) warned, "
                + "\(summary.skipped) skipped, \(summary.errors) errors — \(Self.count(summary.probes, "probe")) in "
                + "\(Self.count(summary.targets, "target")), \(String(format: "%.1f", report.durationMs / 1000)) s"
        ]
        if report.incomplete {
            lines.append(paint("incomplete: the run was stopped before every probe finished", .yellow))
        }
        for row in report.requirements ?? [] where row.status == .fail {
            lines.append("  requirement not met: \(row.name)" + (row.measured.map { " — \($0)" } ?? ""))
        }
        // A cause shared by many probes is said once; its probes get no line of their own.
        let explained = Set((summary.rootCauses ?? []).flatMap(\.probes))
        for cause in summary.rootCauses ?? [] {
            lines.append("  " + paint("root cause:", .bold) + " \(cause.message)")
        }
        for blocked in summary.blockedRequired where !explained.contains(blocked.uri) {
            let why = blocked.reason.map { " — \($0.words)" } ?? ""
            // A probe given on the command line is its own target: name it once.
            let which = blocked.target == blocked.uri ? blocked.uri : "\(blocked.target): \(blocked.uri)"
            lines.append("  blocked: \(which)\(why)")
        }
        let egress = EgressTableBlock.lines(report.egress)
        if !egress.isEmpty { lines += [""] + egress }
        return lines
    }

    /// `1 probe`, `3 probes`.
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    static func mark(for status: ProbeStatus) -> (String, Style) {
        switch status {
        case .pass: ("✓", .green)
        case .fail: ("✗", .red)
        case .warn: ("!", .yellow)
        case .skip: ("-", .dim)
        case .error: ("E", .red)
        }
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
