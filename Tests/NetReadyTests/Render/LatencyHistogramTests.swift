import Foundation
import Testing

@testable import NetReady

/// The latency histogram: samples land in the first bucket whose bound holds them (`le` is
/// inclusive), counts are cumulative, and the agent's totals only grow and forget removed probes.
@Suite(.timeLimit(.minutes(3))) struct LatencyHistogramTests {
    static func probe(_ uri: String, ms: [Double?]) -> ProbeResult {
        ProbeResult(
            uri: uri, kind: "tcp", status: .pass, message: "",
            attempts: ms.map { Attempt(at: Date(), ms: $0, outcome: $0 == nil ? "timeout" : "open") })
    }

    @Test func bucketsAreInclusiveAndCumulativeAndUnansweredAttemptsAreNotSamples() {
        let histogram = LatencyHistogram(probe: Self.probe("tcp://a:1", ms: [0.5, 0.6, 1, 20_000, nil]))
        let buckets = Dictionary(uniqueKeysWithValues: histogram.cumulative)
        #expect(buckets["0.0005"] == 1)
        #expect(buckets["0.001"] == 3)
        #expect(buckets["10"] == 3)
        #expect(buckets["+Inf"] == 4)
        #expect(histogram.count == 4)
        #expect(abs(histogram.sum - 20.0021) < 1e-9)
        #expect(histogram.cumulative.map(\.1) == histogram.cumulative.map(\.1).sorted())
    }

    @Test func totalsGrowOverRunsAndForgetProbesNoLongerRun() {
        func report(_ probes: [ProbeResult]) -> Report {
            Report(
                tool: ToolInfo(version: "test", libraries: [:]), startedAt: Date(), finishedAt: Date(),
                incomplete: false,
                host: HostInfo(hostname: "h", os: "linux", interfaces: [], resolvers: [], proxy: [:]),
                options: RunOptionsInfo(samples: 1, timeoutMs: 1000, concurrency: 1, sources: [], tags: []),
                egress: EgressInfo(), targets: [TargetResult(name: "t", required: true, tags: [], probes: probes)])
        }
        let a = ProbeSeries(target: "t", uri: "tcp://a:1", kind: "tcp", required: true)
        let b = ProbeSeries(target: "t", uri: "tcp://b:1", kind: "tcp", required: true)
        var totals = LatencyTotals()
        totals.add(report([Self.probe("tcp://a:1", ms: [1, 2]), Self.probe("tcp://b:1", ms: [3])]))
        totals.add(report([Self.probe("tcp://a:1", ms: [4])]))
        #expect(totals[a]?.count == 3)
        #expect(totals[b] == nil, "a probe removed by a reload is not rendered with stale counts")
        let text = PrometheusRenderer().render(report([Self.probe("tcp://a:1", ms: [4])]), latency: totals)
        let labels = "target=\"t\",uri=\"tcp://a:1\",kind=\"tcp\",required=\"true\""
        #expect(text.contains("netready_probe_latency_seconds_count{\(labels)} 3\n"))
    }

    @Test func labelValuesAreEscaped() {
        var out = ExpositionWriter()
        out.family("x", "gauge", "help")
        out.sample("x", [("target", "a\"b\\c\nd")], 1)
        #expect(out.text.hasSuffix("x{target=\"a\\\"b\\\\c\\nd\"} 1\n"))
    }
}
