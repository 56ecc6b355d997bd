import Synchronization

/// Tells a run to stop starting new work: Ctrl-C, SIGTERM or the run deadline.
///
/// The first `trigger` wins and its reason is kept for the report; later ones are ignored.
package final class StopSignal: Sendable {
    private struct State {
        var reason: String?
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<String?, Never>] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// Asks the run to stop, saying why ("interrupted by SIGINT").
    package func trigger(_ reason: String) {
        let waiters = state.withLock { state -> [CheckedContinuation<String?, Never>] in
            guard state.reason == nil else { return [] }
            state.reason = reason
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: reason) }
    }

    /// Why the run was told to stop, or nil while it has not been.
    package var reason: String? { state.withLock { $0.reason } }

    /// Waits until `trigger` is called and returns its reason, or returns nil as soon as the waiting
    /// task is cancelled: a waiter inside a task group must not keep `cancelAll()` from ending the group.
    package func wait() async -> String? {
        let id = state.withLock { state -> UInt64 in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked under the lock, so a cancellation that ran its handler before the waiter was
                // registered is seen here, and one that comes after finds the waiter to resume.
                let answer = state.withLock { state -> String?? in
                    if let reason = state.reason { return .some(reason) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: nil)
        }
    }
}
