/// Traces the path to the failed required `tcp://` and `udp://` probes of one run (`--trace-blocked`).
///
/// Traces run as probes fail, concurrently with the rest of the run and with each other, each in one slot of the
/// run's budget, and at most `maxTraces` per run: a thousand blocked destinations add one or two hop timeouts to a
/// run, not a thousand. The same protocol, address and port is traced once and the result shared. A trace that heard
/// from no hop while others did is tried once more, alone and after a quiet second (``PathRetryPacer``): routers
/// rate-limit ICMP.
actor BlockedPathTracing {
    /// At most this many traces per run (each sends `waveSize × probesPerHop` probes at a time); later blocked
    /// destinations are reported as not traced.
    static let maxTraces = 64

    private let tracer: PathTracer
    private let retries = PathRetryPacer()
    private var traces: [BlockedPathTarget: Task<PathTrace, Never>] = [:]

    init(tracer: PathTracer = PathTracer()) {
        self.tracer = tracer
    }

    /// Whether `result` is a blocked required `tcp://` or `udp://` probe: failed, and not by `expect: blocked`
    /// (such a probe passes when blocked, and fails only when it got through).
    nonisolated static func shouldTrace(_ result: ProbeResult, probe: PlannedProbe) -> Bool {
        result.status == .fail && probe.required && probe.spec.expect == .reachable
            && (probe.uri.kind == .tcp || probe.uri.kind == .udp)
    }

    /// `result` with the path in `details.path` and its finding appended to the message, when it should be traced.
    nonisolated func annotate(_ result: ProbeResult, probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        guard Self.shouldTrace(result, probe: probe), let target = BlockedPathTarget(result: result, probe: probe)
        else { return result }
        let source = probe.sourceAddress(for: target.destination, options: context.options)
        var settings = tracer.settings
        settings.hopTimeout = max(.milliseconds(100), min(settings.hopTimeout, probe.timeout))
        let tracer = PathTracer(settings: settings)
        let retries = retries
        let trace = await trace(target) {
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
        var annotated = result
        annotated.observations.path = trace
        if trace.finding.outcome != PathFinding.notTraced("").outcome {
            annotated.message += "; " + trace.finding.words
        }
        return annotated
    }

    /// The trace of `target`: shared with an earlier request for the same target, else made under the caps.
    private func trace(_ target: BlockedPathTarget, make: @escaping @Sendable () async -> PathTrace) async -> PathTrace
    {
        let task: Task<PathTrace, Never>
        if let running = traces[target] {
            task = running
        } else if traces.count >= Self.maxTraces {
            return .notTraced(
                "only the first \(Self.maxTraces) blocked destinations of a run are traced", transport: target.transport
            )
        } else {
            task = Task { await make() }
            traces[target] = task
        }
        return await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
    }
}
