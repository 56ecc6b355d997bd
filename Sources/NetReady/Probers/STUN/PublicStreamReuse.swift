import Foundation
import Synchronization

/// The last result of each quality stream to a public STUN server, so that `serve` streams to one at most once
/// per `--public-stream-interval` (15 min by default) however short its run interval: a fleet of agents must not
/// turn into a load test of somebody else's STUN server.
final class PublicStreamReuse: Sendable {
    /// The process's memory of streams (one `serve` process, across its runs and reloads).
    static let shared = PublicStreamReuse()

    private let last = Mutex<[String: (at: ContinuousClock.Instant, wall: Date, result: ProbeResult)]>([:])

    /// The stored result for `key` when it is younger than `interval`, its message saying when it was measured.
    func recent(_ key: String, within interval: Duration) -> ProbeResult? {
        guard let entry = last.withLock({ $0[key] }), ContinuousClock.now - entry.at < interval else { return nil }
        var result = entry.result
        result.message +=
            " (measured at \(RFC3339.string(from: entry.wall)); streams to a public server run at most once per "
            + "\(formatDuration(interval)))"
        return result
    }

    func store(_ result: ProbeResult, for key: String) {
        last.withLock { $0[key] = (.now, Date(), result) }
    }
}
