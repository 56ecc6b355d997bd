import Foundation
import Logging
import Synchronization

/// Delivers each run's batch to one receiver, in order and at most once per success: every batch
/// goes to the spool first, and one loop sends the oldest, removing it only once the receiver has
/// it (or refused it for good), waiting with exponential backoff between failed attempts. A
/// receiver that is down, hangs or answers garbage delays delivery; it never blocks the runs.
package final class RemoteWriter: Sendable {
    package let endpoint: RemoteWriteEndpoint
    private let poster: RemoteWritePoster
    private let spool: RemoteWriteSpool
    private let backoff: RemoteWriteBackoff
    private let logger: Logger
    private let counters: Mutex<RemoteWriteStatistics>
    private let wake: AsyncStream<Void>.Continuation
    private let wakeups: AsyncStream<Void>

    package init(
        endpoint: RemoteWriteEndpoint, credentials: RemoteWriteCredentials, spool: RemoteWriteSpool,
        backoff: RemoteWriteBackoff, timeout: Duration, logger: Logger
    ) {
        self.endpoint = endpoint
        self.spool = spool
        self.backoff = backoff
        self.logger = logger
        poster = RemoteWritePoster(endpoint: endpoint, credentials: credentials, timeout: timeout)
        counters = Mutex(RemoteWriteStatistics(url: endpoint.redacted))
        (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues one run's batch behind any older one and wakes the sending loop.
    package func enqueue(_ body: [UInt8]) {
        let dropped = spool.append(body)
        if dropped > 0 {
            logger.warning(
                "remote-write spool full: dropped the oldest batches",
                metadata: ["url": "\(endpoint.redacted)", "dropped": "\(dropped)"])
        }
        wake.yield()
    }

    /// The counters, with the spool's figures as they are now.
    package var statistics: RemoteWriteStatistics {
        var snapshot = counters.withLock { $0 }
        snapshot.pending = spool.count
        snapshot.spoolDropped = spool.dropped
        return snapshot
    }

    /// Sends batches until the task is cancelled (a batch in flight then stays in the spool).
    package func run() async {
        var backoff = self.backoff
        var failing = false
        var iterator = wakeups.makeAsyncIterator()
        while !Task.isCancelled {
            guard let (id, body) = spool.oldest() else {
                // Nothing to send: wait for the next run's batch (nil: cancelled).
                if await iterator.next() == nil { return }
                continue
            }
            let outcome = await poster.post(body)
            switch outcome {
            case .delivered:
                spool.remove(id)
                counters.withLock { $0.delivered += 1 }
                if failing { logger.notice("remote-write receiver reachable again", metadata: ["url": "\(endpoint.redacted)"]) }
                failing = false
                backoff.reset()
            case .rejected(let status, let message):
                spool.remove(id)
                counters.withLock { $0.rejected += 1 }
                logger.error(
                    "remote-write receiver refused a batch; it is dropped, not retried",
                    metadata: ["url": "\(endpoint.redacted)", "status": "\(status)", "answer": "\(message)"])
                backoff.reset()
            case .retry(let reason):
                counters.withLock { $0.failedAttempts += 1 }
                let wait = backoff.next()
                // The first failure of a streak is a warning; the retries after it are debug detail.
                logger.log(
                    level: failing ? .debug : .warning, "remote-write push failed; retrying with backoff",
                    metadata: [
                        "url": "\(endpoint.redacted)", "reason": "\(reason)", "retry_in": "\(wait)",
                        "pending": "\(spool.count)",
                    ])
                failing = true
                do { try await Task.sleep(for: wait) } catch { return }
            }
        }
    }

    /// Waits until every queued batch is delivered or `deadline` passes.
    ///
    /// - Returns: whether the spool is empty.
    package func drain(until deadline: ContinuousClock.Instant) async -> Bool {
        while spool.count > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        return spool.count == 0
    }
}
