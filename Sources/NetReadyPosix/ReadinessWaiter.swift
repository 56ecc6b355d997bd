internal import CNetReadyShims

/// One readiness wait on an ``EventLoop``: what it waits for, until when, and the continuation to resume.
///
/// Every field but the constants is guarded by the owning loop's lock (hence `@unchecked Sendable`). Three things
/// race to end a wait — the event, the deadline and cancellation (or `close()`) — and whichever takes the lock
/// first moves the phase to `done`, so the continuation is resumed exactly once.
final class ReadinessWaiter: @unchecked Sendable {
    enum Kind {
        case readable
        case writable
    }

    enum Phase {
        /// Created; not yet handed to the loop.
        case idle
        /// Cancelled before the loop saw it: arming resumes it at once.
        case cancelledEarly
        /// Registered with the loop.
        case armed(CheckedContinuation<ReadinessResult, Never>)
        /// Resumed (or about to be, outside the lock).
        case done
    }

    let kind: Kind
    /// `CLOCK_MONOTONIC` nanoseconds.
    let deadline: UInt64
    /// The socket's registration token on the loop.
    let token: UInt64
    var phase: Phase = .idle

    init(kind: Kind, deadline: UInt64, token: UInt64) {
        self.kind = kind
        self.deadline = deadline
        self.token = token
    }

    var isArmed: Bool {
        if case .armed = phase { return true }
        return false
    }

    /// Moves an armed wait to `done` and hands back its continuation; nil when it already ended.
    func take() -> CheckedContinuation<ReadinessResult, Never>? {
        guard case .armed(let continuation) = phase else { return nil }
        phase = .done
        return continuation
    }

    /// The epoll interest bits for this wait (errors and hang-ups are always reported).
    var interest: UInt32 {
        switch kind {
        case .readable: CNETREADY_EPOLLIN | CNETREADY_EPOLLRDHUP
        case .writable: CNETREADY_EPOLLOUT
        }
    }

    /// Whether an event with `mask` ends this wait: its own direction, or any error or hang-up.
    func isSatisfied(by mask: UInt32) -> Bool {
        mask & (interest | CNETREADY_EPOLLERR | CNETREADY_EPOLLHUP) != 0
    }
}
