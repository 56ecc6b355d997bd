/// The labels that name one probe's series: `target`, `uri`, `kind`, `required`.
package struct ProbeSeries: Hashable, Sendable {
    package var target: String
    package var uri: String
    package var kind: String
    package var required: Bool

    package init(target: String, uri: String, kind: String, required: Bool) {
        self.target = target
        self.uri = uri
        self.kind = kind
        self.required = required
    }

    var labels: ExpositionWriter.Labels {
        [("target", target), ("uri", uri), ("kind", kind), ("required", "\(required)")]
    }

    /// Every probe of a report with its series, the first of any two that would share one (the same
    /// URI twice in a target): a scrape with a duplicate series is rejected whole.
    static func unique(in report: Report) -> [(ProbeSeries, ProbeResult)] {
        var seen: Set<ProbeSeries> = []
        return report.targets.flatMap { target in
            target.probes.compactMap { probe in
                let series = ProbeSeries(
                    target: target.name, uri: probe.uri, kind: probe.kind, required: target.required)
                return seen.insert(series).inserted ? (series, probe) : nil
            }
        }
    }
}
