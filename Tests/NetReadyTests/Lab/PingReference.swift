import Foundation

/// ping(8) run in the lab client as the reference for a latency netready measures in the same
/// run, at the same time: both see the same injected delay and the same machine load, so their
/// difference is the measurement error and not what the rest of the machine was doing.
struct PingReference {
    /// Round-trip times of the replies, in ms.
    let times: [Double]

    /// Pings `address` `count` times, `interval` seconds apart, from nr-client.
    static func measure(_ address: String, count: Int, interval: Double) async throws -> PingReference {
        let output = try await Lab.exec(["ping", "-n", "-c", "\(count)", "-i", "\(interval)", address])
        let times = output.stdout.split(separator: "\n").compactMap { line -> Double? in
            guard let range = line.range(of: "time=") else { return nil }
            return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." })
        }
        guard times.count * 2 >= count else {
            throw LabError("ping \(address): \(times.count) of \(count) replies\n\(output.stdout)\(output.stderr)")
        }
        return PingReference(times: times)
    }

    /// The median round trip, in ms.
    var median: Double {
        let sorted = times.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// How far another median of as many samples from the same distribution may lie from this
    /// one: 4 standard errors of the difference of two medians (√2 · 1.2533 σ/√n), with σ
    /// estimated robustly from the median absolute deviation (1.4826 MAD), plus `floor` ms for
    /// what differs between the tools themselves (timestamps in user space, one extra hop).
    func tolerance(floor: Double) -> Double {
        let center = median
        let deviations = times.map { abs($0 - center) }.sorted()
        let mad = deviations[deviations.count / 2]
        let sigma = 1.4826 * mad
        return floor + 4 * 2.0.squareRoot() * 1.2533 * sigma / Double(times.count).squareRoot()
    }
}
