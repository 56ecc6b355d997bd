import NetReadyPosix
import Synchronization

extension BlockedPathTracing {
    /// A watch for the attempts of `probe`, or nil when the probe would not be traced: its trace may start early
    /// only if it is a single port (a port range traces its first blocked port, unknown until it ends).
    func watch(for probe: PlannedProbe) -> SilentAttemptWatch? {
        guard Self.mayTrace(probe), probe.uri.ports?.count == 1 else { return nil }
        return SilentAttemptWatch(tracing: self, probeID: probe.id)
    }

    /// How long an attempt of `timeout` stays silent before its trace starts: most of the timeout, so that the trace
    /// (one hop timeout when the path stops early) ends about when the attempt times out, and at least half of it.
    func silenceBeforeTrace(attemptTimeout timeout: Duration) -> Duration {
        max(timeout / 2, timeout - hopTimeout(forAttempt: timeout))
    }

    /// Starts watching an attempt; nil when no trace could start any more (the cap is reached).
    func watchSilence(_ attempt: SilentAttempt) -> UInt64? {
        let lead = silenceBeforeTrace(attemptTimeout: attempt.attemptTimeout)
        let now = ContinuousClock.now
        return state.withLock { state -> UInt64? in
            guard state.begun < Self.maxTraces, state.traces[attempt.target] == nil else { return nil }
            let token = state.silent.add(attempt, lead: lead, now: now)
            if let due = state.silent.nextDue(), state.timer.map({ due < $0.due }) ?? true {
                state.timer?.task.cancel()
                state.timer = (startTimer(until: due), due)
            }
            return token
        }
    }

    /// A task that starts the due traces at `due`.
    private func startTimer(until due: ContinuousClock.Instant) -> Task<Void, Never> {
        Task { [weak self] in
            try? await Task.sleep(until: due, clock: .continuous)
            guard !Task.isCancelled else { return }
            self?.startDueTraces()
        }
    }

    /// Starts the trace of every attempt that has been silent long enough, and sets the timer for the next.
    private func startDueTraces() {
        state.withLock { state in
            // Within a few milliseconds counts as due: one wake-up for attempts that began together.
            for attempt in state.silent.takeDue(now: .now + .milliseconds(5)) {
                guard trace(attempt.target, attemptTimeout: attempt.attemptTimeout, state: &state) != nil else { break }
                state.earlyBy[attempt.probeID, default: []].append(attempt.target)
            }
            if state.begun >= Self.maxTraces { state.silent.removeAll() }
            if let due = state.silent.nextDue() {
                state.timer = (startTimer(until: due), due)
            } else {
                state.timer = nil
            }
        }
    }
}
