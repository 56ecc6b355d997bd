import Synchronization

/// Runs `body` and returns its value, or nil when `timeout` passes first.
///
/// Unlike a task group, this returns at the deadline even when the body cannot be cancelled
/// (a blocking `getaddrinfo` on a Dispatch queue); the body is cancelled and left to finish alone.
func withDeadline<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async -> T) async -> T? {
    let gate = ResumeOnce<T?>()
    return await withCheckedContinuation { continuation in
        gate.arm(continuation)
        let work = Task {
            let value = await body()
            gate.resume(with: value)
        }
        Task {
            try? await Task.sleep(for: timeout)
            work.cancel()
            gate.resume(with: nil)
        }
    }
}

/// A continuation that is resumed by whichever of several racers comes first, and only by it.
/// `arm` must be called before any racer starts.
final class ResumeOnce<T: Sendable>: Sendable {
    private let state = Mutex<CheckedContinuation<T, Never>?>(nil)

    func arm(_ continuation: CheckedContinuation<T, Never>) {
        state.withLock { $0 = continuation }
    }

    func resume(with value: T) {
        let continuation = state.withLock { stored -> CheckedContinuation<T, Never>? in
            defer { stored = nil }
            return stored
        }
        continuation?.resume(returning: value)
    }
}
