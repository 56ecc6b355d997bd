/// The run's budget: attempts in flight overall and per host, descriptors they hold, and new attempts per second.
///
/// Every network attempt takes a slot before it starts and gives it back when it ends, so a
/// thousand silently dropped destinations are waited on together, not one after another.
/// A slot also reserves the descriptors the attempt may hold at once (two unless the prober knows better), out
/// of what `ulimit -n` leaves, so no attempt ends in EMFILE because of the run's own concurrency.
/// Waiters queue per host and hosts take turns, so granting a slot costs O(1) even when one
/// host of a 10,000-port sweep is at its cap.
package actor ProbeBudget {
    private let maxInFlight: Int
    private let maxPerHost: Int
    private let descriptorCapacity: Int
    private var descriptorsInUse = 0
    private let minimumSpacing: Duration?
    private var inFlight = 0
    private var perHost: [String: Int] = [:]
    private var nextStart: ContinuousClock.Instant = .now
    private var closed = false
    private let meter: AttemptMeter?

    /// Waiting attempts by id; queues hold ids, and an id missing here was cancelled.
    private var pending: [Int: (continuation: CheckedContinuation<Bool, Never>, descriptors: Int)] = [:]
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
    ///   - descriptors: descriptors all attempts in flight may hold together (``descriptorCapacity(openFileLimit:)``).
    package init(
        concurrency: Int, perHost: Int, ratePerSecond: Double?, meter: AttemptMeter? = nil,
        descriptors: Int = .max
    ) {
        self.meter = meter
        maxInFlight = max(1, concurrency)
        descriptorCapacity = max(2, descriptors)
        maxPerHost = max(1, perHost)
        if let rate = ratePerSecond, rate > 0 {
            minimumSpacing = .nanoseconds(Int64(1e9 / rate))
        } else {
            minimumSpacing = nil
        }
    }

    /// Descriptors kept for what is not an attempt: stdio, the resolver, libcurl's and Dispatch's own.
    static let reservedDescriptors = 64

    /// The default `--concurrency`: as many attempts as the descriptor budget allows, up to this many (10,000
    /// silently dropped destinations then cost one timeout, not ten).
    package static let defaultConcurrency = 16_384

    /// Descriptors a slot reserves unless its prober says otherwise: a connection plus a resolver or relay socket.
    package static let defaultDescriptorsPerAttempt = 2

    /// The descriptors attempts may hold together: `openFileLimit` free descriptors (`ulimit -n` less those already
    /// open) less ``reservedDescriptors``; an attempt that cannot get a descriptor would end as a local `error`
    /// (EMFILE) instead of waiting its turn.
    package static func descriptorCapacity(openFileLimit: Int) -> Int {
        guard openFileLimit < Int.max / 4 else { return .max }
        return max(2, openFileLimit - reservedDescriptors)
    }

    /// `requested` attempts in flight, lowered to what fits in `openFileLimit` free descriptors at one descriptor
    /// each (a TCP connect); attempts that need more are held back by the descriptor budget itself.
    package static func concurrency(_ requested: Int, openFileLimit: Int) -> Int {
        guard openFileLimit < Int.max / 4 else { return max(1, requested) }
        return max(1, min(requested, openFileLimit - reservedDescriptors))
    }

    /// Waits for a slot towards `host` that may hold `descriptors` sockets at once. Returns false when the run is
    /// stopping (no new work) or the task was cancelled; the caller then must not start the attempt.
    package func acquire(host: String, descriptors: Int = defaultDescriptorsPerAttempt) async -> Bool {
        guard !closed, !Task.isCancelled else { return false }
        let descriptors = min(max(1, descriptors), descriptorCapacity)
        if inFlight < maxInFlight && perHost[host, default: 0] < maxPerHost && queues[host] == nil
            && descriptorsInUse + descriptors <= descriptorCapacity
        {
            take(host, descriptors: descriptors)
        } else {
            let id = nextWaiterID
            nextWaiterID += 1
            let granted = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    enqueue(id: id, host: host, descriptors: descriptors, continuation: continuation)
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

    /// Gives a slot (taken with `descriptors`) back and lets waiters in.
    package func release(host: String, descriptors: Int = defaultDescriptorsPerAttempt) {
        meter?.attemptEnded()
        inFlight -= 1
        descriptorsInUse -= min(max(1, descriptors), descriptorCapacity)
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
        for waiter in waiting { waiter.continuation.resume(returning: false) }
    }

    /// Runs `body` inside a slot holding up to `descriptors` sockets at once, or returns nil without running it
    /// when the run is stopping.
    package nonisolated func withSlot<T: Sendable>(
        host: String, descriptors: Int = defaultDescriptorsPerAttempt, _ body: () async -> T
    ) async -> T? {
        guard await acquire(host: host, descriptors: descriptors) else { return nil }
        let value = await body()
        await release(host: host, descriptors: descriptors)
        return value
    }

    private func take(_ host: String, descriptors: Int) {
        inFlight += 1
        descriptorsInUse += descriptors
        perHost[host, default: 0] += 1
    }

    private func enqueue(
        id: Int, host: String, descriptors: Int, continuation: CheckedContinuation<Bool, Never>
    ) {
        if closed {
            continuation.resume(returning: false)
            return
        }
        pending[id] = (continuation, descriptors)
        queues[host, default: FIFO()].push(id)
        markReady(host)
        grantWaiters()
    }

    private func markReady(_ host: String) {
        guard perHost[host, default: 0] < maxPerHost, !readySet.contains(host) else { return }
        readySet.insert(host)
        readyHosts.push(host)
    }

    /// Hands free slots to ready hosts in turn, one waiter each round. When the next host's first waiter needs more
    /// descriptors than are free, granting stops until a release frees them (FIFO, so none is starved).
    private func grantWaiters() {
        while inFlight < maxInFlight, let host = readyHosts.first {
            guard var queue = queues[host] else {
                readyHosts.pop()
                readySet.remove(host)
                continue
            }
            while let id = queue.first, pending[id] == nil { queue.pop() }
            guard let id = queue.first, let waiter = pending[id] else {
                queues[host] = nil
                readyHosts.pop()
                readySet.remove(host)
                continue
            }
            guard descriptorsInUse + waiter.descriptors <= descriptorCapacity else {
                queues[host] = queue
                return
            }
            readyHosts.pop()
            readySet.remove(host)
            queue.pop()
            pending[id] = nil
            queues[host] = queue.isEmpty ? nil : queue
            take(host, descriptors: waiter.descriptors)
            waiter.continuation.resume(returning: true)
            if queues[host] != nil { markReady(host) }
        }
    }

    private func cancelWaiter(_ id: Int) {
        pending.removeValue(forKey: id)?.continuation.resume(returning: false)
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

    /// The next item `pop()` would return.
    var first: Element? { head < items.count ? items[head] : nil }

    mutating func push(_ item: Element) { items.append(item) }

    @discardableResult
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
