import Synchronization

/// Tells a run to stop starting new work: Ctrl-C, SIGTERM or the run deadline.
///
/// The first `trigger` wins and its reason is kept for the report; later ones are ignored.
package final class StopSignal: Sendable {
    private let state = Mutex<(reason: String?, waiters: [CheckedContinuation<String, Never>])>((nil, []))

    package init() {}

    /// Asks the run to stop, saying why ("interrupted by SIGINT").
    package func trigger(_ reason: String) {
        let waiters = state.withLock { state -> [CheckedContinuation<String, Never>] in
            guard state.reason == nil else { return [] }
            state.reason = reason
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: reason) }
    }

    /// Why the run was told to stop, or nil while it has not been.
    package var reason: String? { state.withLock { $0.reason } }

    /// Waits until `trigger` is called; returns its reason.
    package func wait() async -> String {
        await withCheckedContinuation { continuation in
            let already = state.withLock { state -> String? in
                if let reason = state.reason { return reason }
                state.waiters.append(continuation)
                return nil
            }
            if let already { continuation.resume(returning: already) }
        }
    }
}
