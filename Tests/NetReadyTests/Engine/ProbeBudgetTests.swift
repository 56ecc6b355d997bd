import Synchronization
import Testing

@testable import NetReady

@Suite(.timeLimit(.minutes(3))) struct ProbeBudgetTests {
    /// Counts how many bodies run at once, and the most ever seen.
    final class Gauge: Sendable {
        let state = Mutex<(now: Int, peak: Int)>((0, 0))
        func enter() {
            state.withLock {
                $0.now += 1; $0.peak = max($0.peak, $0.now)
            }
        }
        func leave() { state.withLock { $0.now -= 1 } }
        var peak: Int { state.withLock { $0.peak } }

        /// Holds a slot until `limit` bodies have run at once (or 10 s passed): a fixed few ms let a
        /// body leave before a slow-to-schedule sibling entered, and the peak measured the load.
        func holdUntilPeak(_ limit: Int) async {
            let deadline = ContinuousClock.now + .seconds(10)
            while peak < limit && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(1)) }
        }
    }

    @Test func neverExceedsTheGlobalLimit() async {
        let budget = ProbeBudget(concurrency: 4, perHost: 100, ratePerSecond: nil)
        let gauge = Gauge()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    _ = await budget.withSlot(host: "h\(index)") {
                        gauge.enter()
                        await gauge.holdUntilPeak(4)
                        gauge.leave()
                    }
                }
            }
        }
        #expect(gauge.peak == 4)
    }

    @Test func neverExceedsThePerHostLimit() async {
        let budget = ProbeBudget(concurrency: 100, perHost: 2, ratePerSecond: nil)
        let gauge = Gauge()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    _ = await budget.withSlot(host: "same") {
                        gauge.enter()
                        await gauge.holdUntilPeak(2)
                        gauge.leave()
                    }
                }
            }
        }
        #expect(gauge.peak == 2)
    }

    @Test("slots reserve descriptors: attempts holding two each never exceed the descriptor budget")
    func neverExceedsTheDescriptorBudget() async {
        let budget = ProbeBudget(concurrency: 100, perHost: 100, ratePerSecond: nil, descriptors: 7)
        let pairs = Gauge()
        let singles = Gauge()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<30 {
                group.addTask {
                    let gauge = index.isMultiple(of: 2) ? pairs : singles
                    _ = await budget.withSlot(host: "h\(index)", descriptors: index.isMultiple(of: 2) ? 2 : 1) {
                        gauge.enter()
                        await gauge.holdUntilPeak(3)
                        gauge.leave()
                    }
                }
            }
        }
        // 3 pairs hold 6 of the 7; never 4 pairs (8).
        #expect(pairs.peak <= 3)
        #expect(singles.peak >= 1)
    }

    @Test func rateLimitSpacesStarts() async {
        let budget = ProbeBudget(concurrency: 100, perHost: 100, ratePerSecond: 100)
        let clock = ContinuousClock()
        let start = clock.now
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<21 {
                group.addTask { _ = await budget.withSlot(host: "h\(index)") {} }
            }
        }
        // 21 starts at 100/s: the last one 200 ms after the first.
        #expect(clock.now - start >= .milliseconds(195))
    }

    @Test func closingRefusesWaitersAndNewWork() async {
        let budget = ProbeBudget(concurrency: 1, perHost: 1, ratePerSecond: nil)
        #expect(await budget.acquire(host: "h"))
        let waiter = Task { await budget.acquire(host: "h") }
        // Not synchronisation: closed before or while it waits, the waiter is refused either way.
        try? await Task.sleep(for: .milliseconds(20))
        await budget.close()
        #expect(await waiter.value == false)
        #expect(await budget.acquire(host: "other") == false)
    }
}

extension ProbeBudgetTests {
    @Test func cancelledWaiterGivesUpWithoutLeakingASlot() async {
        let budget = ProbeBudget(concurrency: 1, perHost: 1, ratePerSecond: nil)
        #expect(await budget.acquire(host: "h"))
        let waiter = Task { await budget.acquire(host: "h") }
        // Not synchronisation: cancelled before or while it waits, the waiter gives up either way.
        try? await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        #expect(await waiter.value == false)
        await budget.release(host: "h")
        #expect(await budget.acquire(host: "h"))
    }

    @Test func hostsTakeTurnsWhenOneIsAtItsCap() async {
        // One slot per host, two slots overall: a queue of "a" must not starve "b".
        let budget = ProbeBudget(concurrency: 2, perHost: 1, ratePerSecond: nil)
        #expect(await budget.acquire(host: "a"))
        let moreA = (0..<50).map { _ in
            Task { await budget.withSlot(host: "a") { try? await Task.sleep(for: .milliseconds(1)) } }
        }
        let b = Task { await budget.withSlot(host: "b") { true } }
        #expect(await b.value == true)
        await budget.release(host: "a")
        for task in moreA { _ = await task.value }
    }
}
