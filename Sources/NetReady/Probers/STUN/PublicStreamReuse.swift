import Foundation
import Synchronization

/// The last result of each quality stream to a public STUN or TURN server, so that `serve` streams to one at most
/// once per `--public-stream-interval` (15 min by default) however short its run interval: a fleet of agents must
/// not turn into a load test of somebody else's server.
final class PublicStreamReuse: Sendable {
    /// The process's memory of streams (one `serve` process, across its runs and reloads).
    static let shared = PublicStreamReuse()

    private let last = Mutex<[String: (at: ContinuousClock.Instant, wall: Date, result: ProbeResult)]>([:])

    /// The result of `measure` for a stream `probe`, or in `serve` the stored one while it is younger than the run's
    /// interval when the server is public.
    func reusing(
        _ probe: PlannedProbe, context: ProbeContext, _ measure: () async -> ProbeResult
    ) async -> ProbeResult {
        guard let interval = context.options.publicStreamInterval, MediaStreamLimits.isPublic(host: probe.uri.host)
        else { return await measure() }
        let key = probe.uri.description
        if let recent = recent(key, within: interval) { return recent }
        let result = await measure()
        if result.status != .skip { store(result, for: key) }
        return result
    }

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
