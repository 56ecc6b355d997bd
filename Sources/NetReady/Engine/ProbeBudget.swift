/// The run's budget: attempts in flight overall and per host, and new attempts per second.
///
/// Every network attempt takes a slot before it starts and gives it back when it ends, so a
/// thousand silently dropped destinations are waited on together, not one after another.
public actor ProbeBudget {
    private let maxInFlight: Int
    private let maxPerHost: Int
    private let minimumSpacing: Duration?
    private var inFlight = 0
    private var perHost: [String: Int] = [:]
    private var nextStart: ContinuousClock.Instant = .now
    private var waiters: [Waiter] = []
    private var closed = false
    private var nextWaiterID = 0

    private struct Waiter {
        let id: Int
        let host: String
        let continuation: CheckedContinuation<Bool, Never>
    }

    /// - Parameters:
    ///   - concurrency: attempts in flight at once.
    ///   - perHost: attempts in flight at once towards one host.
    ///   - ratePerSecond: new attempts per second, or nil for no rate limit.
    public init(concurrency: Int, perHost: Int, ratePerSecond: Double?) {
        maxInFlight = max(1, concurrency)
        maxPerHost = max(1, perHost)
        if let rate = ratePerSecond, rate > 0 {
            minimumSpacing = .nanoseconds(Int64(1e9 / rate))
        } else {
            minimumSpacing = nil
        }
    }

    /// Waits for a slot towards `host`. Returns false when the run is stopping (no new work)
    /// or the task was cancelled; the caller then must not start the attempt.
    public func acquire(host: String) async -> Bool {
        guard !closed, !Task.isCancelled else { return false }
        if !hasRoom(for: host) {
            let id = nextWaiterID
            nextWaiterID += 1
            let granted = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    waiters.append(Waiter(id: id, host: host, continuation: continuation))
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
            // A granted slot was already counted by `grantWaiters`.
            guard granted else { return false }
        } else {
            take(host)
        }
        await paceStart()
        return true
    }

    /// Gives a slot back and lets waiters in.
    public func release(host: String) {
        inFlight -= 1
        perHost[host, default: 1] -= 1
        if perHost[host] == 0 { perHost[host] = nil }
        grantWaiters()
    }

    /// Stops granting slots: waiting and future `acquire` calls return false.
    public func close() {
        closed = true
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.continuation.resume(returning: false) }
    }

    /// Runs `body` inside a slot, or returns nil without running it when the run is stopping.
    public nonisolated func withSlot<T: Sendable>(host: String, _ body: () async -> T) async -> T? {
        guard await acquire(host: host) else { return nil }
        let value = await body()
        await release(host: host)
        return value
    }

    private func hasRoom(for host: String) -> Bool {
        inFlight < maxInFlight && perHost[host, default: 0] < maxPerHost
    }

    private func take(_ host: String) {
        inFlight += 1
        perHost[host, default: 0] += 1
    }

    private func grantWaiters() {
        var index = 0
        while index < waiters.count && inFlight < maxInFlight {
            let waiter = waiters[index]
            if perHost[waiter.host, default: 0] < maxPerHost {
                waiters.remove(at: index)
                take(waiter.host)
                waiter.continuation.resume(returning: true)
            } else {
                index += 1
            }
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }

    /// Spaces attempt starts by the rate limit. The slot is already held, so the wait is fair.
    private func paceStart() async {
        guard let spacing = minimumSpacing else { return }
        let now = ContinuousClock.now
        let start = max(now, nextStart)
        nextStart = start + spacing
        if start > now { try? await Task.sleep(until: start, clock: .continuous) }
    }
}
