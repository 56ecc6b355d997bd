import Foundation

/// `--format prometheus`: the text exposition format, for a node_exporter textfile collector.
///
/// Labels are bounded (target, uri, kind, reason), so a site's series count stays that of its targets.
package struct PrometheusRenderer: ReportRenderer {
    package init() {}

    package func render(_ report: Report) throws -> String {
        var out = ""
        out += "# HELP netready_probe_success Whether the probe passed (1) or not (0), after expect: is applied.\n"
        out += "# TYPE netready_probe_success gauge\n"
        for (target, probe) in probes(report) {
            let success = probe.status == .pass || probe.status == .warn ? 1 : 0
            out += "netready_probe_success{\(labels(target, probe))} \(success)\n"
        }
        out += "# HELP netready_probe_latency_seconds Probe round-trip time quantiles.\n"
        out += "# TYPE netready_probe_latency_seconds gauge\n"
        for (target, probe) in probes(report) {
            guard let latency = probe.latencyMs else { continue }
            for (quantile, value) in [("0.5", latency.p50), ("0.9", latency.p90), ("0.99", latency.p99)] {
                out +=
                    "netready_probe_latency_seconds{\(labels(target, probe)),quantile=\"\(quantile)\"} \(value / 1000)\n"
            }
        }
        out += "# HELP netready_ready Whether the site is ready (1), degraded (0.5) or not ready (0).\n"
        out += "# TYPE netready_ready gauge\n"
        let ready: String
        switch report.summary.verdict {
        case .ready: ready = "1"
        case .degraded: ready = "0.5"
        case .notReady: ready = "0"
        }
        out += "netready_ready \(ready)\n"
        out += "# HELP netready_run_duration_seconds How long the run took.\n"
        out += "# TYPE netready_run_duration_seconds gauge\n"
        out += "netready_run_duration_seconds \(report.durationMs / 1000)\n"
        out += EgressMetrics.text(report.egress)
        return out
    }

    private func probes(_ report: Report) -> [(TargetResult, ProbeResult)] {
        report.targets.flatMap { target in target.probes.map { (target, $0) } }
    }

    private func labels(_ target: TargetResult, _ probe: ProbeResult) -> String {
        "target=\"\(escape(target.name))\",uri=\"\(escape(probe.uri))\",kind=\"\(probe.kind)\","
            + "required=\"\(target.required)\",reason=\"\(probe.reason?.rawValue ?? "")\""
    }

    private func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
