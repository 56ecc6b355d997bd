internal import CNetReadyShims
import Dispatch
import Glibc
import Synchronization

/// One readiness wait: a DispatchSource on the descriptor plus a deadline timer, resuming its continuation once.
///
/// Three things race to end a wait: the source firing, the timer firing, and task cancellation (or `close()`).
/// The first to take the lock wins and cancels both sources; the continuation is resumed from the descriptor
/// source's cancel handler, so when the wait returns Dispatch no longer watches the descriptor and the caller may
/// close it. Cancellation can also arrive before the sources exist, which `start` checks under the same lock.
final class ReadinessWaiter: Sendable {
    enum Kind {
        case readable
        case writable
    }

    /// The two Dispatch sources of one wait. Dispatch objects are thread-safe, but corelibs-libdispatch does not
    /// mark them `Sendable`.
    private struct Sources: @unchecked Sendable {
        let descriptor: any DispatchSourceProtocol
        let timer: any DispatchSourceTimer
    }

    private enum Phase {
        /// Created; `start` has not run yet.
        case idle
        /// Cancelled before `start`: `start` must resume at once without creating sources.
        case cancelledBeforeStart
        /// Sources are active.
        case armed(
            Sources,
            continuation: CheckedContinuation<ReadinessResult, Never>,
            completion: @Sendable () -> Void
        )
        /// A winner is decided; waiting for the descriptor source's cancel handler.
        case finishing(
            ReadinessResult,
            continuation: CheckedContinuation<ReadinessResult, Never>,
            completion: @Sendable () -> Void
        )
        /// The continuation has been resumed.
        case done
    }

    private let kind: Kind
    private let timeout: Duration
    private let phase = Mutex<Phase>(.idle)

    init(kind: Kind, timeout: Duration) {
        self.kind = kind
        self.timeout = timeout
    }

    /// Arms the sources, or resumes with `.cancelled` if cancellation already happened.
    ///
    /// `completion` runs exactly once, after the continuation is resumed and no source watches the descriptor.
    func start(
        descriptor: Int32,
        queue: DispatchQueue,
        continuation: CheckedContinuation<ReadinessResult, Never>,
        completion: @escaping @Sendable () -> Void
    ) {
        let watcher = Self.errorAwareWatcher(for: descriptor, kind: kind)
        let armed = phase.withLock { phase -> Bool in
            guard case .idle = phase else {
                phase = .done
                return false
            }
            // Created under the lock only once we know they will be activated: Dispatch traps when an inactive
            // source is released.
            let source: any DispatchSourceProtocol
            switch (kind, watcher) {
            case (_, let watcher?): source = DispatchSource.makeReadSource(fileDescriptor: watcher, queue: queue)
            case (.readable, nil): source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            case (.writable, nil): source = DispatchSource.makeWriteSource(fileDescriptor: descriptor, queue: queue)
            }
            let timer = DispatchSource.makeTimerSource(queue: queue)
            source.setEventHandler { [self] in finish(.ready) }
            source.setCancelHandler { [self] in
                // The watcher is this wait's own descriptor; Dispatch has stopped watching it, so it can go now.
                if let watcher {
                    _ = Glibc.close(watcher)
                }
                sourceCancelled()
            }
            timer.setEventHandler { [self] in finish(.timedOut) }
            timer.schedule(deadline: Self.deadline(after: timeout), leeway: .milliseconds(1))
            let sources = Sources(descriptor: source, timer: timer)
            phase = .armed(sources, continuation: continuation, completion: completion)
            // Handlers run on `queue` and take this lock, so they cannot observe a half-built state.
            source.activate()
            timer.activate()
            return true
        }
        if !armed {
            if let watcher {
                _ = Glibc.close(watcher)
            }
            completion()
            continuation.resume(returning: .cancelled)
        }
    }

    /// Ends the wait with `result` unless another outcome already won; safe from any thread, any number of times.
    func finish(_ result: ReadinessResult) {
        let sources = phase.withLock { phase -> Sources? in
            switch phase {
            case .idle:
                if result == .cancelled {
                    phase = .cancelledBeforeStart
                }
                return nil
            case .armed(let sources, let continuation, let completion):
                phase = .finishing(result, continuation: continuation, completion: completion)
                return sources
            case .cancelledBeforeStart, .finishing, .done:
                return nil
            }
        }
        if let sources {
            sources.timer.cancel()
            sources.descriptor.cancel()
        }
    }

    private func sourceCancelled() {
        typealias Ending = (ReadinessResult, CheckedContinuation<ReadinessResult, Never>, @Sendable () -> Void)
        let ending = phase.withLock { phase -> Ending? in
            guard case .finishing(let result, let continuation, let completion) = phase else {
                return nil
            }
            phase = .done
            return (result, continuation, completion)
        }
        if let (result, continuation, completion) = ending {
            completion()
            continuation.resume(returning: result)
        }
    }

    /// A private level-triggered epoll instance holding only `descriptor`, or `nil` if one cannot be made.
    ///
    /// libdispatch delivers a source's event only for EPOLLIN/EPOLLOUT and ignores EPOLLERR on its own, but a report
    /// queued by `IP_RECVERR` (a UDP port-unreachable, a TCP SYN answered by ICMP while `connect` held the socket)
    /// raises nothing else. An epoll descriptor is readable whenever the descriptor it holds is ready *or* has an
    /// error, so a Dispatch read source on it wakes for both. Without one (e.g. `EMFILE`) the wait watches the
    /// socket directly and error-only conditions surface at the deadline instead.
    private static func errorAwareWatcher(for descriptor: Int32, kind: Kind) -> Int32? {
        guard let watcher = try? Syscall.run("epoll_create1", { CNetReadyShims_epollCreate() }) else {
            return nil
        }
        let writable: Int32 = kind == .writable ? 1 : 0
        guard (try? Syscall.run("epoll_ctl", { CNetReadyShims_epollWatch(watcher, descriptor, writable) })) != nil
        else {
            _ = Glibc.close(watcher)
            return nil
        }
        return watcher
    }

    private static func deadline(after duration: Duration) -> DispatchTime {
        guard duration > .zero else {
            return .now()
        }
        // Beyond ~30 years the nanosecond count would overflow; such a wait has no deadline in practice.
        guard duration.components.seconds < 1_000_000_000 else {
            return .distantFuture
        }
        return .now() + .nanoseconds(Int(duration.nanoseconds))
    }
}
