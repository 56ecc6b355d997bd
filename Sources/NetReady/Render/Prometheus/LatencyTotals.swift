/// Latency histograms per probe series, added up run after run, as Prometheus wants a histogram:
/// counts that only grow, so `rate()` and `histogram_quantile` work across scrapes.
///
/// Series of probes no longer in the target set (after a reload) are dropped with the next run.
package struct LatencyTotals: Sendable {
    private var histograms: [ProbeSeries: LatencyHistogram] = [:]

    package init() {}

    /// Adds a run's samples; forgets series that are not in it.
    package mutating func add(_ report: Report) {
        var next: [ProbeSeries: LatencyHistogram] = [:]
        for (series, probe) in ProbeSeries.unique(in: report) {
            var histogram = histograms[series] ?? LatencyHistogram()
            histogram.add(LatencyHistogram(probe: probe))
            next[series] = histogram
        }
        histograms = next
    }

    package subscript(series: ProbeSeries) -> LatencyHistogram? { histograms[series] }
}
