import Foundation
import Logging
import NetReady
import NetReadyRemoteWrite

/// The agent's pushes: one writer per `--remote-write` URL, each run's samples handed to all of
/// them at the run's end, and their counters as `netready_remote_write_*` series.
struct AgentRemoteWrite: Sendable {
    let writers: [RemoteWriter]
    let labels: [(String, String)]
    let timeout: Duration

    init(_ options: RemoteWriteOptions, logger: Logger) throws {
        let (timeout, initial, maximum) = try options.durations()
        let credentials = try RemoteWriteCredentials()
        self.timeout = timeout
        labels = try options.parsedLabels()
        writers = try options.urls.map { url in
            let endpoint = try RemoteWriteEndpoint(url)
            let folder = options.spool.map { URL(fileURLWithPath: $0).appendingPathComponent(endpoint.spoolName) }
            let spool: RemoteWriteSpool
            do {
                spool = try RemoteWriteSpool(directory: folder, limit: options.spoolLimit)
            } catch {
                throw CommandFailure.usage("--spool '\(options.spool ?? "")': cannot use it: \(error.localizedDescription)")
            }
            if spool.count > 0 {
                logger.notice(
                    "remote-write: sending the runs spooled by an earlier agent first",
                    metadata: ["url": "\(endpoint.redacted)", "batches": "\(spool.count)"])
            }
            return RemoteWriter(
                endpoint: endpoint, credentials: credentials, spool: spool,
                backoff: RemoteWriteBackoff(initial: initial, maximum: maximum), timeout: timeout, logger: logger)
        }
        if !writers.isEmpty {
            logger.notice(
                "remote-write enabled",
                metadata: [
                    "urls": "\(writers.map(\.endpoint.redacted).joined(separator: " "))",
                    "authentication": "\(credentials.kind)", "spool": "\(options.spool ?? "memory")",
                ])
        }
    }

    /// Queues one finished run's samples, stamped with the run's end, on every writer.
    func push(_ samples: [ExpositionWriter.Sample], finishedAt: Date) {
        guard !writers.isEmpty else { return }
        let values = samples.map { RemoteWriteSample(name: $0.name, labels: $0.labels, value: $0.value) }
        let milliseconds = Int64((finishedAt.timeIntervalSince1970 * 1000).rounded())
        guard let body = try? RemoteWriteBatch.body(values, timestampMs: milliseconds, extraLabels: labels) else { return }
        for writer in writers { writer.enqueue(body) }
    }

    /// Sends until cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for writer in writers { group.addTask { await writer.run() } }
        }
    }

    /// On the way out: gives the receivers up to one push timeout to take what is queued.
    ///
    /// - Returns: the number of batches left (kept in the spool folder if there is one, else lost).
    func drain() async -> Int {
        let deadline = ContinuousClock.now + timeout
        var left = 0
        for writer in writers where !(await writer.drain(until: deadline)) { left += writer.statistics.pending }
        return left
    }

    /// The `netready_remote_write_*` families (none without `--remote-write`).
    func writeFamilies(into out: inout ExpositionWriter) {
        guard !writers.isEmpty else { return }
        let statistics = writers.map(\.statistics)
        func family(_ name: String, _ type: String, _ help: String, _ value: (RemoteWriteStatistics) -> Int) {
            out.family(name, type, help)
            for entry in statistics { out.sample(name, [("url", entry.url)], Double(value(entry))) }
        }
        family("netready_remote_write_delivered_total", "counter", "Runs the receiver accepted.") { $0.delivered }
        family(
            "netready_remote_write_rejected_total", "counter",
            "Runs the receiver refused for good (4xx other than 429): dropped, not retried, logged.") { $0.rejected }
        family(
            "netready_remote_write_failed_attempts_total", "counter",
            "Pushes that failed and were retried (no connection, timeout, bad answer, 429, 5xx).") { $0.failedAttempts }
        family(
            "netready_remote_write_spool_dropped_total", "counter",
            "Runs dropped, oldest first, because the spool was full.") { $0.spoolDropped }
        family("netready_remote_write_pending", "gauge", "Runs waiting to be delivered.") { $0.pending }
    }
}
