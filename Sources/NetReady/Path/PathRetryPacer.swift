/// Decides and spaces the second tries of traces that heard from no hop: only when another trace of the run did
/// hear from a hop, one a second, at most `budget` per run.
///
/// Routers rate-limit the ICMP errors they send (Linux: a short burst per client, then about one a second), and
/// traces made together all ask the first routers at once, so most of them can hear nothing. A trace retried alone,
/// a second after the previous retry, finds the router's budget refilled. Where no trace hears anything (the first
/// hop is silent for everyone), nothing is retried and no time is spent.
actor PathRetryPacer {
    private var left: Int
    private let spacing: Duration
    private let settle: Duration
    private var next = ContinuousClock.now
    private var someTraceHeardAHop = false

    /// At most `budget` retries, `spacing` apart; `settle` lets traces that end at the same moment report first.
    init(budget: Int = 10, spacing: Duration = .seconds(1), settle: Duration = .milliseconds(100)) {
        self.left = budget
        self.spacing = spacing
        self.settle = settle
    }

    /// Records what a finished trace heard.
    func note(_ trace: PathTrace) {
        if trace.hops.contains(where: \.answered) { someTraceHeardAHop = true }
    }

    /// Waits for a retry's turn; false when no trace of the run heard a hop, the retries are used up, or the task
    /// is cancelled.
    func turn() async -> Bool {
        try? await Task.sleep(for: settle)
        guard someTraceHeardAHop, left > 0, !Task.isCancelled else { return false }
        left -= 1
        let start = max(ContinuousClock.now, next)
        next = start + spacing
        try? await Task.sleep(until: start, clock: .continuous)
        return !Task.isCancelled
    }
}
