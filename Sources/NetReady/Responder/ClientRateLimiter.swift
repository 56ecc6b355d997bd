import NetReadyPosix
import Synchronization

/// A token bucket per client address: answers at most `rate` datagrams per second per client,
/// with a one-second burst, so the responder cannot be turned into an amplifier.
final class ClientRateLimiter: Sendable {
    private let rate: Double
    private let buckets = Mutex<[String: (tokens: Double, updated: ContinuousClock.Instant)]>([:])

    init(rate: Double) { self.rate = max(rate, 1) }

    /// Takes one token for `client`; false when its bucket is empty.
    func allow(_ client: String) -> Bool {
        let now = ContinuousClock.now
        return buckets.withLock { buckets in
            var bucket = buckets[client] ?? (rate, now)
            let elapsed = now - bucket.updated
            bucket.tokens = min(rate, bucket.tokens + elapsed.seconds * rate)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            if buckets.count > 10_000 { buckets.removeAll() }  // bounded memory under a spoofed flood
            buckets[client] = bucket
            return allowed
        }
    }
}
