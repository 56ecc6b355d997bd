import Foundation

/// Runs blocking work (waiting on a child process) on a thread of its own.
///
/// Swift Testing runs tests on the cooperative pool, which has one thread per core (two here):
/// two tests blocked in `waitUntilExit` would stall every other test's async work, and timing
/// assertions elsewhere would fail for no fault of the code under test.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
