/// A Prometheus histogram of round-trip times in seconds: cumulative bucket counts, sum and count.
///
/// The buckets are fixed, so histograms of every probe, site and run can be summed and compared in
/// PromQL (`histogram_quantile` over `sum by (le)`); they span a LAN's half millisecond to a probe
/// timeout's ten seconds.
package struct LatencyHistogram: Sendable, Equatable {
    /// Upper bounds in seconds; `+Inf` is implied.
    package static let bounds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// Observations at or below each bound (not cumulative; `cumulative` adds them up).
    private(set) var perBucket = [UInt64](repeating: 0, count: LatencyHistogram.bounds.count + 1)
    public private(set) var sum = 0.0
    public private(set) var count: UInt64 = 0

    package init() {}

    /// A histogram of one probe's answered attempts (milliseconds in the report).
    package init(probe: ProbeResult) {
        for attempt in probe.attempts { if let ms = attempt.ms { observe(seconds: ms / 1000) } }
    }

    package mutating func observe(seconds: Double) {
        let index = Self.bounds.firstIndex { seconds <= $0 } ?? Self.bounds.count
        perBucket[index] += 1
        sum += seconds
        count += 1
    }

    /// Adds another histogram's observations, as a counter keeps adding a new run's.
    package mutating func add(_ other: LatencyHistogram) {
        for index in perBucket.indices { perBucket[index] += other.perBucket[index] }
        sum += other.sum
        count += other.count
    }

    /// `(le, cumulative count)` pairs, `+Inf` last, as the exposition format writes them.
    var cumulative: [(String, UInt64)] {
        var running: UInt64 = 0
        return perBucket.enumerated().map { index, value in
            running += value
            let bound = index < Self.bounds.count ? ExpositionWriter.number(Self.bounds[index]) : "+Inf"
            return (bound, running)
        }
    }
}
