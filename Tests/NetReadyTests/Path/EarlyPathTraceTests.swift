import Foundation
import NetReadyPosix
import Testing

@testable import NetReady

/// `--trace-blocked` starting a trace while an attempt is still silent: the early trace is used when the probe ends
/// blocked, discarded when it does not, and counts against the run's cap. Real traces to loopback (a closed port
/// answers hop 1 with a RST); the "silence" is the watch itself, begun and ended by the test as a prober would.
@Suite(.timeLimit(.minutes(3))) struct EarlyPathTraceTests {
    /// Tracing for a one-probe plan towards `port`, with hops that wait long (a loaded machine's late wake-up must
    /// not read as silence), and the probe.
    func setUp(port: UInt16) throws -> (BlockedPathTracing, PlannedProbe) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nr-early-\(UUID().uuidString).yaml")
        try Data("name: early\ntargets:\n  - name: one\n    probes:\n      - tcp://127.0.0.1:\(port)\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var options = RunOptions()
        options.samples = 1
        options.timeout = .milliseconds(400)
        let plan = Plan(
            files: try TargetLoader.load(arguments: [file.path], profiles: [:], environment: [:]), options: options)
        let context = ProbeContext(
            budget: ProbeBudget(concurrency: 64, perHost: 64, ratePerSecond: nil), resolver: SystemHostResolver(),
            options: options)
        var settings = PathTracer.Settings()
        settings.hopTimeout = .seconds(20)
        return (BlockedPathTracing(context: context, tracer: PathTracer(settings: settings)), plan.probes[0])
    }

    /// Waits (a minute at most) until a trace towards `destination` has started.
    func traceStarted(_ tracing: BlockedPathTracing, _ destination: SocketAddress) async -> Bool {
        let target = BlockedPathTarget(transport: .tcp, destination: destination)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if tracing.state.withLock({ $0.traces[target] != nil }) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    func failedResult(_ probe: PlannedProbe, address: SocketAddress) -> ProbeResult {
        var result = ProbeResult(probe: probe, status: .fail, message: "\(address) timed out")
        result.reason = .tcpTimeout
        result.address = address.description
        return result
    }

    @Test func aSilentAttemptStartsItsTraceBeforeItEndsAndABlockedProbeReportsIt() async throws {
        let port = try LoopbackListener.closedPort()
        let (tracing, probe) = try setUp(port: port)
        defer { tracing.finish() }
        let destination = try SocketAddress(ip: "127.0.0.1", port: port)
        let watch = try #require(tracing.watch(for: probe))
        let token = watch.begin(destination, transport: .tcp, timeout: probe.timeout)
        #expect(token != nil)
        #expect(await traceStarted(tracing, destination), "the trace starts while the attempt is still pending")
        watch.end(token)
        let annotated = await tracing.annotate(failedResult(probe, address: destination), probe: probe)
        #expect(annotated.details["path"]?["outcome"] == "reset", "\(annotated.details)")
        #expect(annotated.message.hasSuffix("; reset by the destination (RST from 127.0.0.1 at hop 1)"))
        #expect(tracing.state.withLock { $0.begun } == 1, "the early trace is the probe's trace, not a second one")
    }

    @Test func aProbeThatAnswersLateDiscardsItsEarlyTrace() async throws {
        let listener = try LoopbackListener()
        let (tracing, probe) = try setUp(port: listener.port)
        defer { tracing.finish() }
        let destination = try SocketAddress(ip: "127.0.0.1", port: listener.port)
        let watch = try #require(tracing.watch(for: probe))
        let token = watch.begin(destination, transport: .tcp, timeout: probe.timeout)
        #expect(await traceStarted(tracing, destination))
        watch.end(token)
        var passed = ProbeResult(probe: probe, status: .pass, message: "open: \(destination)")
        passed.address = destination.description
        let annotated = await tracing.annotate(passed, probe: probe)
        #expect(annotated.details["path"] == nil)
        #expect(annotated.message == "open: \(destination)")
        let target = BlockedPathTarget(transport: .tcp, destination: destination)
        #expect(tracing.state.withLock { $0.traces[target] == nil }, "the discarded trace is gone")
    }

    @Test func anAttemptThatEndsBeforeItsSilenceStartsNoTrace() async throws {
        let port = try LoopbackListener.closedPort()
        let (tracing, probe) = try setUp(port: port)
        defer { tracing.finish() }
        let destination = try SocketAddress(ip: "127.0.0.1", port: port)
        let watch = try #require(tracing.watch(for: probe))
        // A 10-minute attempt: its trace would start after 5 minutes; it ends now.
        watch.end(watch.begin(destination, transport: .tcp, timeout: .seconds(600)))
        #expect(tracing.state.withLock { $0.silent.count } == 0)
        #expect(tracing.state.withLock { $0.begun } == 0)
    }

    @Test func noEarlyTraceOnceTheRunsCapIsReached() async throws {
        let port = try LoopbackListener.closedPort()
        let (tracing, probe) = try setUp(port: port)
        defer { tracing.finish() }
        tracing.state.withLock { $0.begun = BlockedPathTracing.maxTraces }
        let watch = try #require(tracing.watch(for: probe))
        #expect(watch.begin(try SocketAddress(ip: "127.0.0.1", port: port), transport: .tcp, timeout: .seconds(1)) == nil)
    }

    @Test func silenceStartsTheTraceOneHopTimeoutBeforeTheTimeoutAndAfterHalfOfIt() throws {
        let (tracing, _) = try setUp(port: 9)
        // The hop timeout here is 20 s, capped by the attempt's timeout: half of the timeout.
        #expect(tracing.silenceBeforeTrace(attemptTimeout: .seconds(2)) == .seconds(1))
        let defaults = BlockedPathTracing(context: tracing.context)
        // 1 s hops: a 2 s attempt starts its trace after 1 s, a 10 s one after 9 s.
        #expect(defaults.silenceBeforeTrace(attemptTimeout: .seconds(2)) == .seconds(1))
        #expect(defaults.silenceBeforeTrace(attemptTimeout: .seconds(10)) == .seconds(9))
    }
}

/// The queue of silent attempts: each group (same lead) falls due in the order it was added.
@Suite(.timeLimit(.minutes(3))) struct SilenceQueueTests {
    @Test func attemptsFallDueInOrderAcrossGroupsAndEndedOnesNever() {
        var queue = SilenceQueue<String>()
        let start = ContinuousClock.now
        let a = queue.add("a", lead: .seconds(5), now: start)
        _ = queue.add("b", lead: .seconds(1), now: start + .milliseconds(100))
        _ = queue.add("c", lead: .seconds(5), now: start + .milliseconds(200))
        _ = queue.add("d", lead: .seconds(1), now: start + .milliseconds(300))
        let first = queue.nextDue()
        #expect(first == start + .milliseconds(1100))
        let dueAtTwo = queue.takeDue(now: start + .seconds(2))
        #expect(dueAtTwo == ["b", "d"])
        let ended = queue.end(a)
        let endedAgain = queue.end(a)
        #expect(ended)
        #expect(!endedAgain, "an attempt ends once")
        let next = queue.nextDue()
        #expect(next == start + .milliseconds(5200))
        let dueAtFive = queue.takeDue(now: start + .seconds(5))
        #expect(dueAtFive.isEmpty)
        let dueAtSix = queue.takeDue(now: start + .seconds(6))
        #expect(dueAtSix == ["c"])
        let none = queue.nextDue()
        #expect(none == nil)
        #expect(queue.count == 0)
    }
}
