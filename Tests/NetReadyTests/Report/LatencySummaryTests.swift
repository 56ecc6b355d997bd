import Testing

@testable import NetReady

@Suite(.timeLimit(.minutes(3))) struct LatencySummaryTests {
    @Test func emptyHasNoSummary() {
        #expect(LatencySummary(durations: []) == nil)
    }

    @Test func percentilesOfOneToHundredMilliseconds() throws {
        let durations = (1...100).map { Duration.milliseconds($0) }
        let summary = try #require(LatencySummary(durations: durations))
        #expect(summary.samples == 100)
        #expect(summary.min == 1)
        #expect(summary.max == 100)
        #expect(summary.mean == 50.5)
        // HdrHistogram with three significant digits: within 0.1% of the exact rank value.
        #expect(abs(summary.p50 - 50) <= 0.05)
        #expect(abs(summary.p90 - 90) <= 0.09)
        #expect(abs(summary.p99 - 99) <= 0.1)
    }

    @Test func fewSamplesTakeTheLargestForHighPercentiles() throws {
        let summary = try #require(
            LatencySummary(durations: [.microseconds(200), .microseconds(300), .microseconds(2500)]))
        #expect(summary.min == 0.2)
        #expect(summary.p50 == 0.3)
        #expect(abs(summary.p99 - 2.5) < 0.003)
        #expect(summary.max == 2.5)
    }

    @Test func durationMilliseconds() {
        #expect(Duration.microseconds(1500).milliseconds == 1.5)
        #expect(Duration.seconds(2).milliseconds == 2000)
    }
}

extension LatencySummaryTests {
    @Test func oneSampleIsEveryPercentileExactly() throws {
        let summary = try #require(LatencySummary(durations: [.microseconds(1234)]))
        #expect(
            summary
                == LatencySummary(samples: 1, min: 1.234, p50: 1.234, p90: 1.234, p99: 1.234, max: 1.234, mean: 1.234))
    }

    @Test func histogramSizedToTheLargestSampleStillCoversIt() throws {
        let summary = try #require(LatencySummary(durations: [.microseconds(1), .seconds(30)]))
        #expect(summary.max == 30_000)
        #expect(abs(summary.p99 - 30_000) <= 30)
        #expect(summary.p50 == 0.001)
    }
}
