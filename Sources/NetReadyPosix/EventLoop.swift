internal import CNetReadyShims
import Glibc
import Synchronization

/// A thread owning one epoll set: every socket registers with one loop once, for its whole life, and each readiness
/// wait re-arms that registration (one `epoll_ctl`), instead of building its own epoll instance and Dispatch sources.
///
/// Registrations are one-shot and level-triggered, so arming a socket that is already ready reports it at once.
/// `EPOLLERR` is always in the mask: a report queued on the error queue by `IP_RECVERR` (an ICMP unreachable for a
/// UDP datagram or a SYN) wakes the waiter although the socket is neither readable nor writable. Deadlines live in
/// a heap and bound `epoll_wait`; an `eventfd` wakes the loop when a new deadline is earlier than the one it sleeps
/// towards. The loop thread only resumes continuations; the probers' work stays on the Swift executor.
final class EventLoop: Sendable {
    /// One or two loops (a second only with at least two cores): a wait costs one locked `epoll_ctl`, so more loops
    /// would only spread lock contention, which the measurements here did not show.
    static let shared: [EventLoop] = (0..<min(2, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))).map { _ in
        EventLoop()
    }
    private static let assignment = Atomic<Int>(0)
    private static let tokens = Atomic<UInt64>(1)

    /// A loop for a new socket (round-robin) and a token naming its registration; no system call.
    static func assign() -> (EventLoop, UInt64) {
        let ticket = assignment.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max
        let token = tokens.wrappingAdd(1, ordering: .relaxed).oldValue
        return (shared[ticket % shared.count], token)
    }

    /// What one socket's registration holds while it lives.
    struct Entry {
        let descriptor: Int32
        /// Waits on this socket that have not ended.
        var waiters: [ReadinessWaiter] = []
        /// The interest the one-shot registration is armed with now, 0 when it is not armed.
        var armedMask: UInt32 = 0
        /// Whether `EPOLL_CTL_ADD` succeeded (then later waits re-arm with `EPOLL_CTL_MOD`).
        var inEpollSet = false
    }

    struct State {
        var entries: [UInt64: Entry] = [:]
        var deadlines = DeadlineHeap()
        /// Waits registered and not yet ended (the heap also holds ended ones until they surface).
        var liveWaits = 0
        /// The deadline the thread sleeps towards: `UInt64.max` for none, 0 while it is awake.
        var sleepingUntil: UInt64 = .max
    }

    private static let wakeToken: UInt64 = 0
    private let epoll: Int32
    private let wakeDescriptor: Int32
    private let state = Mutex(State())

    private init() {
        // Without its loop no socket can wait: failing here (e.g. EMFILE before the first socket) is not recoverable.
        guard let epoll = try? Syscall.run("epoll_create1", { CNetReadyShims_epollCreate() }),
            let wake = try? Syscall.run("eventfd", { CNetReadyShims_eventfd() })
        else {
            fatalError("netready: cannot create the event loop's epoll set or eventfd")
        }
        self.epoll = epoll
        wakeDescriptor = wake
        _ = try? Syscall.run("epoll_ctl") {
            CNetReadyShims_epollControl(epoll, 1, wake, CNETREADY_EPOLLIN, Self.wakeToken)
        }
        startThread()
    }

    // MARK: - Called by sockets

    /// Arms `waiter` on the socket `waiter.token`/`descriptor`, adding the descriptor to the epoll set on its first
    /// wait and re-arming the one-shot registration after that.
    ///
    /// The caller holds the socket's lock with the descriptor open, so `close()` cannot run until the registration is
    /// in place (and then ``deregister(token:descriptor:)`` ends this wait).
    /// - Returns: a result to resume with at once (the wait was cancelled already), or nil when armed; then the
    ///   socket has an entry here that its `close()` must deregister.
    func arm(
        _ waiter: ReadinessWaiter, continuation: CheckedContinuation<ReadinessResult, Never>, descriptor: Int32
    ) -> ReadinessResult? {
        let wake: Bool? = state.withLock { state in
            guard case .idle = waiter.phase else {
                waiter.phase = .done
                return nil
            }
            waiter.phase = .armed(continuation)
            var entry = state.entries.removeValue(forKey: waiter.token) ?? Entry(descriptor: descriptor)
            entry.waiters.append(waiter)
            let wanted = entry.waiters.reduce(UInt32(0)) { $0 | $1.interest }
            if !entry.inEpollSet || entry.armedMask & wanted != wanted {
                // A failed epoll_ctl (ENOMEM, ENOSPC) leaves only the deadline: the wait times out, it does not hang.
                let operation: Int32 = entry.inEpollSet ? 3 : 1
                let events = wanted | CNETREADY_EPOLLONESHOT
                let armed = try? Syscall.run("epoll_ctl") {
                    CNetReadyShims_epollControl(epoll, operation, descriptor, events, waiter.token)
                }
                entry.inEpollSet = entry.inEpollSet || armed != nil
                entry.armedMask = armed == nil ? 0 : wanted
            }
            state.entries[waiter.token] = entry
            state.deadlines.push(waiter)
            state.liveWaits += 1
            guard waiter.deadline < state.sleepingUntil else { return false }
            state.sleepingUntil = waiter.deadline
            return true
        }
        guard let wake else { return .cancelled }
        if wake {
            var one: UInt64 = 1
            _ = try? Syscall.run("write(eventfd)") { Glibc.write(wakeDescriptor, &one, MemoryLayout<UInt64>.size) }
        }
        return nil
    }

    /// Ends `waiter` with `.cancelled` if it has not ended; safe before it is armed and from any thread.
    func cancel(_ waiter: ReadinessWaiter) {
        let continuation = state.withLock { state -> CheckedContinuation<ReadinessResult, Never>? in
            if case .idle = waiter.phase {
                waiter.phase = .cancelledEarly
                return nil
            }
            guard let continuation = waiter.take() else { return nil }
            state.liveWaits -= 1
            state.entries[waiter.token]?.waiters.removeAll { $0 === waiter }
            return continuation
        }
        continuation?.resume(returning: .cancelled)
    }

    /// Forgets a socket that is closing: its waits end `.cancelled` and epoll stops watching the descriptor, which
    /// the caller may close once this returns (the loop never touches it again).
    func deregister(token: UInt64, descriptor: Int32) {
        let ended = state.withLock { state -> [CheckedContinuation<ReadinessResult, Never>] in
            guard let entry = state.entries.removeValue(forKey: token) else { return [] }
            if entry.inEpollSet {
                _ = try? Syscall.run("epoll_ctl") { CNetReadyShims_epollControl(epoll, 2, descriptor, 0, token) }
            }
            let continuations = entry.waiters.compactMap { $0.take() }
            state.liveWaits -= continuations.count
            return continuations
        }
        for continuation in ended {
            continuation.resume(returning: .cancelled)
        }
    }

    // MARK: - The loop thread

    private var threadName: String { "netready-io" }

    private func startThread() {
        let box = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { argument in
            let loop = Unmanaged<EventLoop>.fromOpaque(argument!).takeRetainedValue()
            CNetReadyShims_setThreadName(loop.threadName)
            loop.run()
            return nil
        }, box)
        guard created == 0 else {
            fatalError("netready: cannot start the event loop thread (\(created))")
        }
        pthread_detach(thread)
    }

    private func run() -> Never {
        let capacity = 256
        let tokens = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        let masks = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        var timeout: Int32 = -1
        var ready: [(CheckedContinuation<ReadinessResult, Never>, ReadinessResult)] = []
        while true {
            let count = (try? Syscall.run("epoll_wait") {
                CNetReadyShims_epollWait(epoll, tokens, masks, Int32(capacity), timeout)
            }) ?? 0
            timeout = state.withLock { state in
                state.sleepingUntil = 0
                for index in 0..<Int(count) {
                    if tokens[index] == Self.wakeToken {
                        var value: UInt64 = 0
                        _ = try? Syscall.run("read(eventfd)") {
                            Glibc.read(wakeDescriptor, &value, MemoryLayout<UInt64>.size)
                        }
                    } else {
                        dispatch(token: tokens[index], mask: masks[index], state: &state, into: &ready)
                    }
                }
                expire(now: Self.monotonicNow(), state: &state, into: &ready)
                return sleepTimeout(state: &state)
            }
            for (continuation, result) in ready {
                continuation.resume(returning: result)
            }
            ready.removeAll(keepingCapacity: true)
        }
    }

    /// Ends the waits an event satisfies and re-arms the registration for the rest.
    private func dispatch(
        token: UInt64, mask: UInt32, state: inout State,
        into ready: inout [(CheckedContinuation<ReadinessResult, Never>, ReadinessResult)]
    ) {
        guard var entry = state.entries[token] else { return }
        entry.armedMask = 0
        entry.waiters.removeAll { waiter in
            guard waiter.isSatisfied(by: mask) else { return false }
            if let continuation = waiter.take() {
                ready.append((continuation, .ready))
                state.liveWaits -= 1
            }
            return true
        }
        if !entry.waiters.isEmpty {
            let wanted = entry.waiters.reduce(UInt32(0)) { $0 | $1.interest }
            let armed = try? Syscall.run("epoll_ctl") {
                CNetReadyShims_epollControl(epoll, 3, entry.descriptor, wanted | CNETREADY_EPOLLONESHOT, token)
            }
            entry.armedMask = armed == nil ? 0 : wanted
        }
        state.entries[token] = entry
    }

    /// Ends the waits whose deadline has passed.
    private func expire(
        now: UInt64, state: inout State,
        into ready: inout [(CheckedContinuation<ReadinessResult, Never>, ReadinessResult)]
    ) {
        while let first = state.deadlines.first, first.deadline <= now || !first.isArmed {
            state.deadlines.popFirst()
            guard let continuation = first.take() else { continue }
            state.liveWaits -= 1
            state.entries[first.token]?.waiters.removeAll { $0 === first }
            ready.append((continuation, .timedOut))
        }
        // Waits that ended early stay in the heap until they surface; drop them when they are most of it.
        if state.deadlines.count > 1024 && state.deadlines.count > 4 * state.liveWaits {
            state.deadlines.compact { $0.isArmed }
        }
    }

    /// The `epoll_wait` timeout towards the earliest live deadline, rounded up to whole milliseconds.
    private func sleepTimeout(state: inout State) -> Int32 {
        guard let first = state.deadlines.first else {
            state.sleepingUntil = .max
            return -1
        }
        state.sleepingUntil = first.deadline
        let now = Self.monotonicNow()
        guard first.deadline > now else { return 0 }
        let milliseconds = (first.deadline - now + 999_999) / 1_000_000
        return Int32(clamping: milliseconds)
    }

    // MARK: - Time

    /// `CLOCK_MONOTONIC` now, in nanoseconds.
    static func monotonicNow() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }

    /// The monotonic deadline `duration` from now; now for a zero or negative duration, saturating for huge ones.
    static func deadline(after duration: Duration) -> UInt64 {
        let now = monotonicNow()
        guard duration > .zero else { return now }
        let (seconds, attoseconds) = duration.components
        guard seconds < 1_000_000_000 else { return .max }
        return now + UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
