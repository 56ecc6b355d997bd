extension Socket {
    /// Waits until the socket is writable (a non-blocking connect finished, either way), up to `timeout`.
    public func waitWritable(timeout: Duration) async -> ReadinessResult {
        await waitForReadiness(.writable, timeout: timeout)
    }

    /// Waits until the socket is readable (data, a datagram, a pending connection or EOF), up to `timeout`.
    public func waitReadable(timeout: Duration) async -> ReadinessResult {
        await waitForReadiness(.readable, timeout: timeout)
    }

    /// Arms the socket's one registration on its event loop; no descriptor or Dispatch source per wait.
    private func waitForReadiness(_ kind: ReadinessWaiter.Kind, timeout: Duration) async -> ReadinessResult {
        let waiter = ReadinessWaiter(kind: kind, deadline: EventLoop.deadline(after: timeout), token: token)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Under the socket's lock, so close() waits until the registration exists and then ends this wait.
                let immediate: ReadinessResult? = state.withLock { state in
                    guard state.descriptor >= 0 else {
                        return .cancelled
                    }
                    let immediate = loop.arm(waiter, continuation: continuation, descriptor: state.descriptor)
                    state.registered = state.registered || immediate == nil
                    return immediate
                }
                if let immediate {
                    continuation.resume(returning: immediate)
                }
            }
        } onCancel: {
            loop.cancel(waiter)
        }
    }
}
