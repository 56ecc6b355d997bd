import NetReadyPosix
import Synchronization

/// Traces the path to the failed required `tcp://` and `udp://` probes of one run (`--trace-blocked`).
///
/// Traces run concurrently with the rest of the run and with each other, each in one slot of the run's budget, and
/// at most `maxTraces` per run: a thousand blocked destinations add one or two hop timeouts to a run, not a thousand.
/// A trace starts early, while an attempt is still pending, once the attempt has been silent for most of its timeout
/// (``SilentAttemptWatch``), so a silently dropped destination costs about one timeout, trace included; a probe that
/// then answers discards its early trace, and only a probe that ends blocked reports one. The same protocol, address
/// and port is traced once and the result shared. A trace that heard from no hop while others did is tried once
/// more, alone and after a quiet second (``PathRetryPacer``): routers rate-limit ICMP.
final class BlockedPathTracing: Sendable {
    /// At most this many traces per run, early ones included (each sends `waveSize × probesPerHop` probes at a time);
    /// later blocked destinations are reported as not traced.
    static let maxTraces = 64

    /// What the lock guards.
    struct State {
        var traces: [BlockedPathTarget: Task<PathTrace, Never>] = [:]
        /// Traces started in this run, discarded early ones included (the cap counts what was sent).
        var begun = 0
        /// Targets whose trace a blocked probe asked for: never discarded.
        var claimed: Set<BlockedPathTarget> = []
        /// Early traces by the probe whose silent attempt started them, until that probe ends.
        var earlyBy: [Int: [BlockedPathTarget]] = [:]
        /// Attempts that are silent so far, with when each may start its trace.
        var silent = SilenceQueue<SilentAttempt>()
        /// The timer that starts the next early trace, and when it fires.
        var timer: (task: Task<Void, Never>, due: ContinuousClock.Instant)?
    }

    /// An attempt being watched: which probe, what to trace, with what hop timeout.
    struct SilentAttempt {
        let probeID: Int
        let target: BlockedPathTarget
        let attemptTimeout: Duration
    }

    let tracer: PathTracer
    private let retries = PathRetryPacer()
    let context: ProbeContext
    let state = Mutex(State())

    /// Tracing for one run whose probes use `context` (its budget, options and stop signal).
    init(context: ProbeContext, tracer: PathTracer = PathTracer()) {
        self.context = context
        self.tracer = tracer
    }

    /// Whether `probe` is traced if it fails: a required `tcp://` or `udp://` probe that should be reachable.
    static func mayTrace(_ probe: PlannedProbe) -> Bool {
        probe.required && probe.spec.expect == .reachable && (probe.uri.kind == .tcp || probe.uri.kind == .udp)
    }

    /// Whether `result` is a blocked required `tcp://` or `udp://` probe: failed, and not by `expect: blocked`
    /// (such a probe passes when blocked, and fails only when it got through).
    static func shouldTrace(_ result: ProbeResult, probe: PlannedProbe) -> Bool {
        result.status == .fail && mayTrace(probe)
    }

    /// `result` with the path in `details.path` and its finding appended to the message, when it should be traced.
    /// Every probe that ran with a ``watch(for:)`` passes through here once it ends, so that its unclaimed early
    /// traces are discarded.
    func annotate(_ result: ProbeResult, probe: PlannedProbe) async -> ProbeResult {
        guard Self.shouldTrace(result, probe: probe), let target = BlockedPathTarget(result: result, probe: probe)
        else {
            discardEarlyTraces(of: probe.id)
            return result
        }
        let task = state.withLock { state in
            let task = trace(target, attemptTimeout: probe.timeout, state: &state)
            if task != nil { state.claimed.insert(target) }
            return task
        }
        discardEarlyTraces(of: probe.id)
        let path: PathTrace
        if let task {
            path = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        } else {
            path = .notTraced(
                "only the first \(Self.maxTraces) blocked destinations of a run are traced", transport: target.transport
            )
        }
        var annotated = result
        annotated.observations.path = path
        if path.finding.outcome != PathFinding.notTraced("").outcome {
            annotated.message += "; " + path.finding.words
        }
        return annotated
    }

    /// Stops what is left when the run ends: the timer and the early traces no blocked probe claimed.
    func finish() {
        let (timer, unclaimed) = state.withLock { state in
            let timer = state.timer?.task
            state.timer = nil
            state.silent.removeAll()
            let unclaimed = state.traces.filter { !state.claimed.contains($0.key) }.map(\.value)
            return (timer, unclaimed)
        }
        timer?.cancel()
        for task in unclaimed { task.cancel() }
    }

    /// The trace of `target`: shared with an earlier request for the same target, else started under the cap; nil
    /// when the cap is reached.
    func trace(_ target: BlockedPathTarget, attemptTimeout: Duration, state: inout State) -> Task<PathTrace, Never>? {
        if let running = state.traces[target] { return running }
        guard state.begun < Self.maxTraces else { return nil }
        state.begun += 1
        let make = makeTrace(target, attemptTimeout: attemptTimeout)
        let task = Task { await make() }
        state.traces[target] = task
        return task
    }

    /// Drops the early traces `probeID` started that no blocked probe claimed (it answered, or ended otherwise).
    private func discardEarlyTraces(of probeID: Int) {
        let discarded = state.withLock { state -> [Task<PathTrace, Never>] in
            guard let targets = state.earlyBy.removeValue(forKey: probeID) else { return [] }
            let stillWanted = Set(state.earlyBy.values.joined()).union(state.claimed)
            return targets.filter { !stillWanted.contains($0) }.compactMap { state.traces.removeValue(forKey: $0) }
        }
        for task in discarded { task.cancel() }
    }

    /// The hop timeout for a probe whose attempts wait `attemptTimeout`: the tracer's, at most the attempt's, at
    /// least 100 ms.
    func hopTimeout(forAttempt attemptTimeout: Duration) -> Duration {
        max(.milliseconds(100), min(tracer.settings.hopTimeout, attemptTimeout))
    }

    /// The work of one trace, in one slot of the run's budget, with its paced second try.
    private func makeTrace(_ target: BlockedPathTarget, attemptTimeout: Duration) -> @Sendable () async -> PathTrace {
        let context = context
        let source = PlannedProbe.sourceAddress(for: target.destination, options: context.options)
        var settings = tracer.settings
        settings.hopTimeout = hopTimeout(forAttempt: attemptTimeout)
        let tracer = PathTracer(settings: settings)
        let retries = retries
        return {
            // One slot of the run's budget per trace: a stopping run starts no new trace.
            await context.budget.withSlot(host: target.destination.ip) {
                await retries.begin()
                let first = await tracer.trace(
                    to: target.destination, transport: target.transport, source: source,
                    interface: context.options.interface)
                await retries.note(first)
                // No hop answered: perhaps the routers' ICMP budget went to the traces made at the same moment.
                guard case .noHopAnswered = first.finding, await retries.turn() else { return first }
                let second = await tracer.trace(
                    to: target.destination, transport: target.transport, source: source,
                    interface: context.options.interface)
                await retries.retryEnded()
                if case .noHopAnswered = second.finding { return first }
                return second
            } ?? .notTraced("the run stopped first", transport: target.transport)
        }
    }
}
