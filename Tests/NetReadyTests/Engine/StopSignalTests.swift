import Testing

@testable import NetReady

/// `StopSignal.wait()` ends on `trigger` and on cancellation, so a task group waiting on it can be cancelled.
struct StopSignalTests {
    @Test func waitReturnsTheFirstReason() async {
        let stop = StopSignal()
        async let reason = stop.wait()
        stop.trigger("interrupted by SIGTERM")
        stop.trigger("later")
        #expect(await reason == "interrupted by SIGTERM")
        #expect(await stop.wait() == "interrupted by SIGTERM")
    }

    /// The agent's pattern: wait for the next start or the stop, whichever comes first. Before the fix the
    /// group never ended, since `cancelAll()` could not end the waiting child.
    @Test(.timeLimit(.minutes(1))) func cancelAllEndsAGroupWaitingOnTheSignal() async {
        let stop = StopSignal()
        await withTaskGroup(of: String?.self) { group in
            group.addTask { nil }
            group.addTask { await stop.wait() }
            _ = await group.next()
            group.cancelAll()
            #expect(await group.next() == .some(nil))
        }
        // The cancelled waiter is gone: a later trigger resumes nobody twice, and the reason is kept.
        stop.trigger("done")
        #expect(stop.reason == "done")
    }

    @Test func aTaskCancelledBeforeWaitingReturnsAtOnce() async {
        let stop = StopSignal()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await stop.wait()
        }
        #expect(await task.value == nil)
    }
}
