/// The run's budget: attempts in flight overall and per host, and new attempts per second.
///
/// Every network attempt takes a slot before it starts and gives it back when it ends, so a
/// thousand silently dropped destinations are waited on together, not one after another.
/// Waiters queue per host and hosts take turns, so granting a slot costs O(1) even when one
/// host of a 10,000-port sweep is at its cap.
package actor ProbeBudget {
    private let maxInFlight: Int
    private let maxPerHost: Int
    private let minimumSpacing: Duration?
    private var inFlight = 0
    private var perHost: [String: Int] = [:]
    private var nextStart: ContinuousClock.Instant = .now
    private var closed = false
    private let meter: AttemptMeter?

    /// Waiting attempts by id; queues hold ids, and an id missing here was cancelled.
    private var pending: [Int: CheckedContinuation<Bool, Never>] = [:]
    private var queues: [String: FIFO<Int>] = [:]
    /// Hosts with waiters and room under their cap, in turn order.
    private var readyHosts = FIFO<String>()
    private var readySet: Set<String> = []
    private var nextWaiterID = 0

    /// - Parameters:
    ///   - concurrency: attempts in flight at once.
    ///   - perHost: attempts in flight at once towards one host.
    ///   - ratePerSecond: new attempts per second, or nil for no rate limit.
    ///   - meter: counts each attempt as its slot is given back.
    package init(concurrency: Int, perHost: Int, ratePerSecond: Double?, meter: AttemptMeter? = nil) {
        self.meter = meter
        maxInFlight = max(1, concurrency)
        maxPerHost = max(1, perHost)
        if let rate = ratePerSecond, rate > 0 {
            minimumSpacing = .nanoseconds(Int64(1e9 / rate))
        } else {
            minimumSpacing = nil
        }
    }

    /// Descriptors kept for what is not an attempt: stdio, the resolver, libcurl's and Dispatch's own.
    static let reservedDescriptors = 64

    /// `requested` attempts in flight, lowered so that they fit in `openFileLimit` free descriptors (`ulimit -n`
    /// less those already open):
    /// an attempt holds up to two sockets (a connection and a resolver or relay socket), and one that cannot
    /// get a descriptor would end as a local `error` (EMFILE) instead of waiting its turn.
    package static func concurrency(_ requested: Int, openFileLimit: Int) -> Int {
        guard openFileLimit < Int.max / 4 else { return max(1, requested) }
        return max(1, min(requested, (openFileLimit - reservedDescriptors) / 2))
    }

    /// Waits for a slot towards `host`. Returns false when the run is stopping (no new work)
    /// or the task was cancelled; the caller then must not start the attempt.
    package func acquire(host: String) async -> Bool {
        guard !closed, !Task.isCancelled else { return false }
        if inFlight < maxInFlight && perHost[host, default: 0] < maxPerHost && queues[host] == nil {
            take(host)
        } else {
            let id = nextWaiterID
            nextWaiterID += 1
            let granted = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    enqueue(id: id, host: host, continuation: continuation)
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
            // A granted slot was already counted by `grantWaiters`.
            guard granted else { return false }
        }
        await paceStart()
        return true
    }

    /// Gives a slot back and lets waiters in.
    package func release(host: String) {
        meter?.attemptEnded()
        inFlight -= 1
        let remaining = perHost[host, default: 1] - 1
        perHost[host] = remaining == 0 ? nil : remaining
        if queues[host] != nil { markReady(host) }
        grantWaiters()
    }

    /// Stops granting slots: waiting and future `acquire` calls return false.
    package func close() {
        closed = true
        let waiting = pending.values
        pending.removeAll()
        queues.removeAll()
        readyHosts = FIFO()
        readySet.removeAll()
        for continuation in waiting { continuation.resume(returning: false) }
    }

    /// Runs `body` inside a slot, or returns nil without running it when the run is stopping.
    package nonisolated func withSlot<T: Sendable>(host: String, _ body: () async -> T) async -> T? {
        guard await acquire(host: host) else { return nil }
        let value = await body()
        await release(host: host)
        return value
    }

    private func take(_ host: String) {
        inFlight += 1
        perHost[host, default: 0] += 1
    }

    private func enqueue(id: Int, host: String, continuation: CheckedContinuation<Bool, Never>) {
        if closed {
            continuation.resume(returning: false)
            return
        }
        pending[id] = continuation
        queues[host, default: FIFO()].push(id)
        markReady(host)
        grantWaiters()
    }

    private func markReady(_ host: String) {
        guard perHost[host, default: 0] < maxPerHost, !readySet.contains(host) else { return }
        readySet.insert(host)
        readyHosts.push(host)
    }

    /// Hands free slots to ready hosts in turn, one waiter each round.
    private func grantWaiters() {
        while inFlight < maxInFlight, let host = readyHosts.pop() {
            readySet.remove(host)
            guard var queue = queues[host] else { continue }
            var granted: CheckedContinuation<Bool, Never>?
            while granted == nil, let id = queue.pop() {
                granted = pending.removeValue(forKey: id)
            }
            queues[host] = queue.isEmpty ? nil : queue
            guard let continuation = granted else { continue }
            take(host)
            continuation.resume(returning: true)
            if queues[host] != nil { markReady(host) }
        }
    }

    private func cancelWaiter(_ id: Int) {
        pending.removeValue(forKey: id)?.resume(returning: false)
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

/// A first-in-first-out queue with O(1) amortised push and pop.
struct FIFO<Element> {
    private var items: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }

    mutating func push(_ item: Element) { items.append(item) }

    mutating func pop() -> Element? {
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}
