import Foundation

/// Runs a CPU-heavy test body (a fuzz loop) on a thread of its own and waits for it.
///
/// The test process shares two cooperative threads with timing-sensitive socket tests; a half-second loop
/// on one of them delays every other test's wake-ups by as much.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
