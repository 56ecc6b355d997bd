/// Attempts still silent, each with the moment it will have been silent long enough to start a path trace.
///
/// Entries are grouped by how long they must stay silent (their lead): within one group, entries come in the order
/// they were added, which is the order they fall due, so adding, ending and taking the due ones cost O(1) amortised
/// without a heap. A run has a handful of distinct timeouts, so a handful of groups.
struct SilenceQueue<Payload> {
    private var live: [UInt64: Payload] = [:]
    private var groups: [Duration: FIFO<(token: UInt64, due: ContinuousClock.Instant)>] = [:]
    private var nextToken: UInt64 = 0

    /// Attempts added and not yet ended or taken.
    var count: Int { live.count }

    /// Adds an attempt that falls due `lead` after `now`; returns the token that ends it.
    mutating func add(_ payload: Payload, lead: Duration, now: ContinuousClock.Instant) -> UInt64 {
        nextToken += 1
        live[nextToken] = payload
        groups[lead, default: FIFO()].push((nextToken, now + lead))
        return nextToken
    }

    /// Ends an attempt (it answered, failed or timed out); false when it was not waiting (already taken or ended).
    @discardableResult
    mutating func end(_ token: UInt64) -> Bool {
        live.removeValue(forKey: token) != nil
    }

    /// The earliest moment a waiting attempt falls due, or nil when none waits.
    mutating func nextDue() -> ContinuousClock.Instant? {
        var earliest: ContinuousClock.Instant?
        for lead in Array(groups.keys) {
            guard let head = dropEnded(lead) else { continue }
            earliest = min(earliest ?? head.due, head.due)
        }
        return earliest
    }

    /// Takes the attempts due at `now` or before, in the order they fall due within each group.
    mutating func takeDue(now: ContinuousClock.Instant) -> [Payload] {
        var due: [Payload] = []
        for lead in Array(groups.keys) {
            while let head = dropEnded(lead), head.due <= now {
                groups[lead]?.pop()
                if let payload = live.removeValue(forKey: head.token) { due.append(payload) }
            }
        }
        return due
    }

    /// Forgets every waiting attempt.
    mutating func removeAll() {
        live.removeAll()
        groups.removeAll()
    }

    /// The first entry of a group that has not ended, dropping ended ones; removes a group left empty.
    private mutating func dropEnded(_ lead: Duration) -> (token: UInt64, due: ContinuousClock.Instant)? {
        guard var group = groups.removeValue(forKey: lead) else { return nil }
        while let head = group.first, live[head.token] == nil { group.pop() }
        guard let head = group.first else { return nil }
        groups[lead] = group
        return head
    }
}
