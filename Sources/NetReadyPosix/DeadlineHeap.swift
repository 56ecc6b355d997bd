/// A binary min-heap of readiness waits ordered by deadline, for the event loop's timers.
///
/// Entries are not removed when their wait ends early (an event or a cancellation won); the loop skips them when
/// they reach the top, and ``compact(keeping:)`` drops them in bulk when they outnumber the live ones.
struct DeadlineHeap {
    private var items: [ReadinessWaiter] = []

    var count: Int { items.count }

    /// The earliest entry, live or not.
    var first: ReadinessWaiter? { items.first }

    mutating func push(_ waiter: ReadinessWaiter) {
        items.append(waiter)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].deadline < items[parent].deadline else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func popFirst() -> ReadinessWaiter? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            siftDown(from: 0)
        }
        return top
    }

    /// Keeps only the entries `isLive` accepts, in O(n).
    mutating func compact(keeping isLive: (ReadinessWaiter) -> Bool) {
        items.removeAll { !isLive($0) }
        for index in stride(from: items.count / 2 - 1, through: 0, by: -1) {
            siftDown(from: index)
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < items.count else { return }
            let right = left + 1
            let smaller = right < items.count && items[right].deadline < items[left].deadline ? right : left
            guard items[smaller].deadline < items[parent].deadline else { return }
            items.swapAt(smaller, parent)
            parent = smaller
        }
    }
}
