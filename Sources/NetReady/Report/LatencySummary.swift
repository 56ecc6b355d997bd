import Histogram
import NetReadyPosix

/// Latency figures of one probe in milliseconds: SPEC's `latency_ms`.
///
/// Percentiles come from an HdrHistogram recorded in microseconds with three significant
/// digits, so p99 of a handful of samples is the largest sample rather than an interpolation.
package struct LatencySummary: Codable, Sendable, Equatable {
    package var samples: Int
    package var min: Double
    package var p50: Double
    package var p90: Double
    package var p99: Double
    package var max: Double
    package var mean: Double

    package init(samples: Int, min: Double, p50: Double, p90: Double, p99: Double, max: Double, mean: Double) {
        self.samples = samples
        self.min = min
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
        self.mean = mean
    }

    /// Summarises round-trip times; nil when there is nothing to summarise.
    package init?(durations: [Duration]) {
        guard !durations.isEmpty else { return nil }
        let microseconds = durations.map { UInt64(Swift.max(1, $0.microseconds)) }
        func milliseconds(_ micros: UInt64) -> Double { Self.rounded(Double(micros) / 1000) }
        if microseconds.count == 1 {
            // One sample is every percentile of itself (and --samples 1 runs of thousands of probes
            // spend most of their CPU in the histogram's generic bucket walk otherwise).
            let only = milliseconds(microseconds[0])
            self.init(samples: 1, min: only, p50: only, p90: only, p99: only, max: only, mean: only)
            return
        }
        // Sized to the largest sample: the histogram's cost (allocation and every percentile
        // query walk its buckets) grows with its range, and a fixed hour-long range made this
        // half of the CPU of a run of a thousand sub-millisecond DNS probes.
        let largest = microseconds.max() ?? 1
        var histogram = Histogram<UInt64>(
            highestTrackableValue: Swift.max(2, largest), numberOfSignificantValueDigits: .three)
        for value in microseconds { _ = histogram.record(value) }
        // The histogram's min/max are bucket-equivalent values; the exact extremes are at hand.
        self.init(
            samples: durations.count,
            min: milliseconds(microseconds.min()!),
            p50: milliseconds(histogram.valueAtPercentile(50)),
            p90: milliseconds(histogram.valueAtPercentile(90)),
            p99: milliseconds(histogram.valueAtPercentile(99)),
            max: milliseconds(largest),
            mean: Self.rounded(Double(microseconds.reduce(0, +)) / Double(microseconds.count) / 1000)
        )
    }

    /// Rounds to microseconds so reports do not carry float noise.
    static func rounded(_ milliseconds: Double) -> Double { (milliseconds * 1000).rounded() / 1000 }
}
