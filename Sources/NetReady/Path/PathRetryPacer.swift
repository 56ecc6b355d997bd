/// Decides and spaces the second tries of traces that heard from no hop: only when another trace of the run did
/// hear from a hop, one at a time, each after `spacing` without any trace activity, at most `budget` per run.
///
/// Routers rate-limit the ICMP errors they send (Linux: a burst of six per client, then one a second, as a token
/// bucket), and traces made together all ask the first routers at once, so some of them can hear nothing. A retry
/// finds the router's budget refilled only if nothing asked it for an error in the second before: so it runs alone
/// (after the previous retry has ended) and `spacing` after the last moment any trace began or ended. The end
/// counts, not only the start: a TCP probe's socket resends its SYN after the kernel's initial one-second RTO, so a
/// trace with a one-second hop timeout spends another token just as it closes (a retry spaced from starts alone met
/// an empty bucket about one time in five). `spacing` is a little over the second so that timer jitter never lands a
/// retry just before the token is back. Where no trace hears anything (the first hop is silent for everyone),
/// nothing is retried and no time is spent.
actor PathRetryPacer {
    private var left: Int
    private let spacing: Duration
    /// When a trace of the run last began or ended: the routers' budget refills from then.
    private var lastActivity: ContinuousClock.Instant?
    private var retryRunning = false
    private var someTraceHeardAHop = false
    /// Traces begun and not yet noted: a silent trace waits for them before deciding, since one of them may be
    /// about to report a hop (on a busy machine traces that end together report seconds apart).
    private var inFlight = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// At most `budget` retries, each `spacing` after the last trace activity.
    init(budget: Int = 10, spacing: Duration = .milliseconds(1100)) {
        self.left = budget
        self.spacing = spacing
    }

    /// Records that a first trace started: its first wave spends the routers' ICMP budget now.
    func begin() {
        inFlight += 1
        lastActivity = .now
    }

    /// Records what a finished first trace heard.
    func note(_ trace: PathTrace) {
        inFlight = max(0, inFlight - 1)
        lastActivity = .now
        if trace.hops.contains(where: \.answered) { someTraceHeardAHop = true }
        if someTraceHeardAHop || inFlight == 0 { wakeWaiting() }
    }

    /// Waits for a retry's turn; false when no trace of the run heard a hop, the retries are used up, or the task
    /// is cancelled. After a true answer the caller retries and then calls ``retryEnded()``.
    func turn() async -> Bool {
        if !someTraceHeardAHop && inFlight > 0 {
            await withTaskCancellationHandler {
                await withCheckedContinuation { waiting.append($0) }
            } onCancel: {
                Task { await self.wakeWaiting() }
            }
        }
        guard someTraceHeardAHop, left > 0, !Task.isCancelled else { return false }
        left -= 1
        // The actor is re-entered while this sleeps: a retry or trace that began or ended meanwhile moves the
        // quiet period on, so the conditions are checked again after each sleep.
        while retryRunning || quietUntil > .now {
            let wake = retryRunning ? ContinuousClock.now + .milliseconds(50) : quietUntil
            do {
                try await Task.sleep(until: wake, clock: .continuous)
            } catch {
                return false
            }
        }
        retryRunning = true
        return true
    }

    /// Records that the retry granted by ``turn()`` has ended, letting the next one wait out its quiet period.
    func retryEnded() {
        retryRunning = false
        lastActivity = .now
    }

    /// When the routers' budget is refilled: `spacing` after the last activity.
    private var quietUntil: ContinuousClock.Instant {
        guard let lastActivity else { return .now }
        return lastActivity + spacing
    }

    private func wakeWaiting() {
        let resumed = waiting
        waiting.removeAll()
        for continuation in resumed { continuation.resume() }
    }
}
