/// Waits between failed pushes: `initial`, doubling each time, never above `maximum`; back to
/// `initial` after a push goes through.
package struct RemoteWriteBackoff: Sendable, Equatable {
    package let initial: Duration
    package let maximum: Duration
    private var current: Duration?

    package init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(5)) {
        precondition(initial > .zero && maximum >= initial)
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before the next attempt, and the one after it doubled.
    package mutating func next() -> Duration {
        let wait = current ?? initial
        current = min(wait * 2, maximum)
        return wait
    }

    package mutating func reset() { current = nil }
}
