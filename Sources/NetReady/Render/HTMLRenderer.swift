import Foundation

/// `--format html`: one self-contained page (inline CSS, SVG and a few lines of script, nothing fetched)
/// that support can attach to a ticket and anyone can open offline: the verdict, what is blocked and why,
/// probes counted by reason, latency and media charts, every probe in one sortable, filterable table, and
/// the egress addresses.
///
/// Everything is rendered here; the script only sorts and filters rows, so the page reads the same with
/// script disabled and prints without its controls. The page is well-formed XHTML-compatible markup and
/// every string in it is escaped by the template (report text partly comes from the network).
struct HTMLRenderer: ReportRenderer {
    init() {}

    func render(_ report: Report) throws -> String {
        HTMLTemplate.page.render(try model(report))
    }

    func model(_ report: Report) throws -> HTMLReportModel {
        let summary = report.summary
        let located = report.targets.flatMap { target in target.probes.map { (target: target, probe: $0) } }
        let verdict = Self.verdictWords(summary.verdict)
        let reasons = Self.reasonCounts(located.map(\.probe))
        let explained = Set((summary.rootCauses ?? []).flatMap(\.probes))
        let blocked = summary.blockedRequired.filter { !explained.contains($0.uri) }
        return HTMLReportModel(
            title: "netready — \(verdict) — \(report.host.hostname)",
            verdictClass: summary.verdict.rawValue, verdictWords: verdict,
            counts: "\(summary.passed) passed, \(summary.failed) failed, \(summary.warned) warned, "
                + "\(summary.skipped) skipped, \(summary.errors) errors — \(Self.count(summary.probes, "probe")) in "
                + "\(Self.count(summary.targets, "target")), " + String(format: "%.1f s", report.durationMs / 1000),
            meta:
                "from \(report.host.hostname) (\(report.host.os)), started \(RFC3339.string(from: report.startedAt)), "
                + "\(report.tool.name) \(report.tool.version)",
            incomplete: report.incomplete,
            hasRequirements: !(report.requirements ?? []).isEmpty, requirements: (report.requirements ?? []).map(HTMLReportModel.Requirement.init),
            rootCauses: (summary.rootCauses ?? []).map(\.message),
            hasBlocked: !blocked.isEmpty,
            blocked: blocked.map {
                .init(uri: $0.uri, target: $0.target, reason: $0.reason.map(Self.text), message: $0.message)
            },
            hasReasons: !reasons.isEmpty, reasons: reasons,
            latency: HTMLCharts.latency(located.map { ($0.target.name, $0.probe) }),
            media: HTMLCharts.media(located.map { ($0.target.name, $0.probe) }),
            probes: try located.map { try Self.row($0.probe, in: $0.target) },
            statusOptions: ProbeStatus.allCases.sorted()
                .filter { status in located.contains { $0.probe.status == status } }
                .map { .init(value: $0.rawValue, label: $0.rawValue) },
            reasonOptions: reasons.map { .init(value: $0.code, label: $0.code) },
            targetOptions: report.targets.map { .init(value: $0.name, label: $0.name) },
            egress: try Self.egress(report.egress),
            run: .init(summary: "host, options and target files as JSON", json: try Self.json(RunContext(report))))
    }

    private static func row(_ probe: ProbeResult, in target: TargetResult) throws -> HTMLReportModel.ProbeRow {
        let (mark, _) = TableRenderer.mark(for: probe.status)
        let figures = [probe.latencyMs?.p50, probe.latencyMs?.p90, probe.latencyMs?.p99].map { value in
            HTMLReportModel.Figure(
                text: value.map { String(format: "%.2f", $0) } ?? "", key: value.map { String($0) } ?? "")
        }
        return .init(
            target: target.name, optional: !target.required, uri: probe.uri, address: probe.address,
            status: probe.status.rawValue, statusKey: ProbeStatus.allCases.sorted().firstIndex(of: probe.status) ?? 0,
            mark: mark, reason: probe.reason.map(text), reasonKey: probe.reason?.rawValue ?? "", latency: figures,
            message: probe.message,
            details: probe.details.isEmpty ? nil : .init(summary: "details", json: try json(probe.details)))
    }

    /// Probes counted by reason code, most frequent first (clean passes have no reason and are not counted).
    private static func reasonCounts(_ probes: [ProbeResult]) -> [HTMLReportModel.ReasonCount] {
        let grouped = Dictionary(grouping: probes.filter { $0.reason != nil }) { $0.reason!.rawValue }
        return grouped.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.map { code, probes in
            let statuses = ProbeStatus.allCases.sorted().reversed().compactMap { status in
                let count = probes.count { $0.status == status }
                return count == 0 ? nil : "\(count) \(status.rawValue)"
            }
            return .init(
                code: code, words: probes[0].reason!.words, count: probes.count,
                statuses: statuses.joined(separator: ", "),
                fragment: "#reason=" + (code.addingPercentEncoding(withAllowedCharacters: fragmentValue) ?? code))
        }
    }

    /// What a value in `#name=value` may hold as it is (RFC 3986 unreserved); the rest is percent-encoded.
    private static let fragmentValue = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    private static func egress(_ egress: EgressInfo) throws -> HTMLReportModel.Egress {
        let rows = egress.addresses.map { address in
            let transports = (egress.byProtocol ?? [:]).filter { $0.value.contains { $0.ip == address.ip } }.keys
            return HTMLReportModel.EgressRow(
                ip: address.ip, family: address.family, count: address.count,
                via: address.via.joined(separator: ", "), transports: transports.sorted().joined(separator: ", "))
        }
        let stability: String? =
            switch egress.stable {
            case true?: "Stable: every connection left from one address."
            case false?:
                "Rotating: the egress address changes between connections (a NAT pool of \(rows.count) addresses "
                    + "seen); allow-lists must hold all of them."
            case nil: rows.isEmpty ? nil : "Stability unknown: too few connections to tell."
            }
        return .init(
            rows: rows, hasRows: !rows.isEmpty,
            resolverRows: (egress.resolverAddresses ?? []).map {
                .init(
                    ip: $0.ip, family: $0.family, count: $0.count, via: $0.via.joined(separator: ", "), transports: "")
            },
            stability: stability, rotating: egress.stable == false, nat: egress.nat?.summary,
            notes: egress.notes.filter { $0 != egress.nat?.summary },
            json: .init(summary: "egress as JSON", json: try json(egress)))
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

    private static func text(_ reason: Reason) -> HTMLReportModel.ReasonText {
        .init(code: reason.rawValue, words: reason.words)
    }

    private static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
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
}
