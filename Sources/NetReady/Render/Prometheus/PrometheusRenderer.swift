import Foundation

/// `--format prometheus`: the text exposition format, for a node_exporter textfile collector and
/// for `netready serve`'s `/metrics`. Passes `promtool check metrics`.
///
/// Labels are bounded (target, uri, kind, required; the reason only on its own info series, so a
/// changing reason does not end the success series), so a site's series count stays that of its targets.
package struct PrometheusRenderer: ReportRenderer {
    package init() {}

    /// One run on its own: the latency histograms hold that run's samples.
    package func render(_ report: Report) throws -> String {
        var latency = LatencyTotals()
        latency.add(report)
        return render(report, latency: latency)
    }

    /// The report with latency histograms accumulated over runs (the agent's, counters that only grow).
    package func render(_ report: Report, latency: LatencyTotals) -> String {
        var out = ExpositionWriter()
        write(report, latency: latency, into: &out)
        return out.text
    }

    /// Writes the report's families into `out` (the agent adds its own after them).
    package func write(_ report: Report, latency: LatencyTotals, into out: inout ExpositionWriter) {
        probeFamilies(report, latency: latency, into: &out)
        out.family("netready_ready", "gauge", "Whether the site is ready (1), degraded (0.5) or not ready (0).")
        let ready: Double
        switch report.summary.verdict {
        case .ready: ready = 1
        case .degraded: ready = 0.5
        case .notReady: ready = 0
        }
        out.sample("netready_ready", [], ready)
        out.family("netready_run_duration_seconds", "gauge", "How long the run took.")
        out.sample("netready_run_duration_seconds", [], report.durationMs / 1000)
        EgressMetrics.write(report.egress, into: &out)
    }

    private func probeFamilies(_ report: Report, latency: LatencyTotals, into out: inout ExpositionWriter) {
        let probes = ProbeSeries.unique(in: report)
        out.family(
            "netready_probe_success", "gauge", "Whether the probe passed (1) or not (0), after expect: is applied.")
        for (series, probe) in probes {
            out.sample("netready_probe_success", series.labels, probe.status == .pass || probe.status == .warn ? 1 : 0)
        }
        out.family(
            "netready_probe_reason_info", "gauge",
            "Why the probe failed or warned (SPEC's reason codes); absent when it passed cleanly.")
        for (series, probe) in probes {
            guard let reason = probe.reason else { continue }
            out.sample("netready_probe_reason_info", series.labels + [("reason", reason.rawValue)], 1)
        }
        out.family("netready_probe_latency_seconds", "histogram", "Round-trip time of the probe's answered attempts.")
        for (series, _) in probes {
            guard let histogram = latency[series], histogram.count > 0 else { continue }
            out.histogram("netready_probe_latency_seconds", series.labels, histogram)
        }
        let extras = probes.map { ($0.0, ProbeExtras($0.1)) }
        func gauge(_ name: String, _ help: String, _ value: (ProbeExtras) -> Double?) {
            out.family(name, "gauge", help)
            for (series, extra) in extras { if let number = value(extra) { out.sample(name, series.labels, number) } }
        }
        gauge("netready_http_status_code", "Final HTTP status code of an http(s) probe.") {
            $0.httpStatus.map(Double.init)
        }
        gauge("netready_tls_cert_not_after_seconds", "When the leaf certificate expires (Unix time).") {
            $0.certificateNotAfter
        }
        gauge("netready_dns_lookup_seconds", "How long resolving the probe's host name took.") { $0.dnsLookupSeconds }
        gauge("netready_media_loss_ratio", "Share of RTP packets not echoed back (0-1).") { $0.mediaLossRatio }
        gauge("netready_media_jitter_seconds", "RTP interarrival jitter (RFC 3550).") { $0.mediaJitterSeconds }
        gauge("netready_media_mos", "Estimated mean opinion score of the RTP stream (1-4.5, E-model).") { $0.mediaMOS }
    }
}
