internal import CNetReadyShims
import Dispatch
import Glibc
import Synchronization

extension Socket {
    /// Waits until the socket is writable (a non-blocking connect finished, either way), up to `timeout`.
    public func waitWritable(timeout: Duration) async -> ReadinessResult {
        await waitForReadiness(.writable, timeout: timeout)
    }

    /// Waits until the socket is readable (data, a datagram, a pending connection or EOF), up to `timeout`.
    public func waitReadable(timeout: Duration) async -> ReadinessResult {
        await waitForReadiness(.readable, timeout: timeout)
    }

    private func waitForReadiness(_ kind: ReadinessWaiter.Kind, timeout: Duration) async -> ReadinessResult {
        let waiter = ReadinessWaiter(kind: kind, timeout: timeout)
        let descriptor: Int32? = state.withLock { state in
            guard state.descriptor >= 0 else {
                return nil
            }
            state.waiters[ObjectIdentifier(waiter)] = waiter
            waitGroup.enter()
            return state.descriptor
        }
        guard let descriptor else {
            return .cancelled
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiter.start(descriptor: descriptor, queue: ReadinessQueues.next(), continuation: continuation) {
                    self.state.withLock { _ = $0.waiters.removeValue(forKey: ObjectIdentifier(waiter)) }
                    self.waitGroup.leave()
                }
            }
        } onCancel: {
            waiter.finish(.cancelled)
        }
    }
}
