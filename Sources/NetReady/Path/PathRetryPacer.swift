/// Decides and spaces the second tries of traces that heard from no hop: only when another trace of the run did
/// hear from a hop, one at a time `spacing` apart, at most `budget` per run.
///
/// Routers rate-limit the ICMP errors they send (Linux: a burst of six per client, then one a second, as a token
/// bucket), and traces made together all ask the first routers at once, so some of them can hear nothing. A trace
/// retried alone, after the previous retry, finds the router's budget refilled; `spacing` is a little over the
/// second so that timer jitter never lands a retry just before the token is back. Where no trace hears anything
/// (the first hop is silent for everyone), nothing is retried and no time is spent.
actor PathRetryPacer {
    private var left: Int
    private let spacing: Duration
    private var next = ContinuousClock.now
    private var someTraceHeardAHop = false
    /// Traces begun and not yet noted: a silent trace waits for them before deciding, since one of them may be
    /// about to report a hop (on a busy machine traces that end together report seconds apart).
    private var inFlight = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// At most `budget` retries, `spacing` apart.
    init(budget: Int = 10, spacing: Duration = .milliseconds(1100)) {
        self.left = budget
        self.spacing = spacing
    }

    /// Records that a trace started.
    func begin() { inFlight += 1 }

    /// Records what a finished trace heard.
    func note(_ trace: PathTrace) {
        inFlight = max(0, inFlight - 1)
        if trace.hops.contains(where: \.answered) { someTraceHeardAHop = true }
        if someTraceHeardAHop || inFlight == 0 { wakeWaiting() }
    }

    /// Waits for a retry's turn; false when no trace of the run heard a hop, the retries are used up, or the task
    /// is cancelled.
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
        let start = max(ContinuousClock.now, next)
        next = start + spacing
        try? await Task.sleep(until: start, clock: .continuous)
        return !Task.isCancelled
    }

    private func wakeWaiting() {
        let resumed = waiting
        waiting.removeAll()
        for continuation in resumed { continuation.resume() }
    }
}
