import ArgumentParser
import Foundation
import Logging
import NetReady
import NetReadyPosix
import Synchronization

/// `netready serve`: the monitoring agent. Runs the targets every interval and serves the last
/// results on `/metrics` for Prometheus to scrape, like blackbox_exporter but with netready's
/// probes and reasons.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the targets every --interval and serve the results on /metrics (a Prometheus agent).",
        discussion: """
            Series are those of --format prometheus (netready_probe_success, netready_probe_latency_seconds, \
            netready_ready...) plus netready_agent_* counters. The first scrape after start-up may come \
            before the first run has finished: it then has only the agent's own series.
            """
    )

    @Argument(help: "Target files, directories, profile names or probe URIs (default: the profile 'playbooks').")
    var targets: [String] = []

    @Option(help: "ADDRESS:PORT to serve /metrics on (port 0 picks a free one and prints it).")
    var listen = "127.0.0.1:9469"

    @Option(help: "Time between the starts of two runs, e.g. 60s or 5m.")
    var interval = "60s"

    @OptionGroup var probing: ProbingOptions
    @OptionGroup var egress: EgressOptions

    @Flag(help: "More detail on stderr.")
    var verbose = false

    func validate() throws {
        try probing.validate()
        try egress.validate()
        guard Self.listenAddress(listen) != nil else {
            throw ValidationError("--listen '\(listen)': write ADDRESS:PORT, e.g. 127.0.0.1:9469 or [::1]:9469")
        }
        do {
            guard try DurationParser.parse(interval) >= .seconds(1) else {
                throw ValidationError("--interval must be at least 1s")
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("--interval '\(interval)': \(error)")
        }
    }

    func run() async throws {
        Diagnostics.bootstrap(verbose: verbose)
        let logger = Logger(label: "netready.serve")
        let files = try TargetArguments.load(targets)
        var options = try probing.runOptions()
        let dns = try probing.dnsSettings(files: files)
        options.dns = dns
        let plan = Plan(files: files, options: options)
        if plan.probes.isEmpty { throw CommandFailure.usage("netready: no probes to run") }
        let egressFlags = egress
        // Each run collects its own egress observations; building one now checks the flags and files.
        _ = try egressFlags.egressRun(files: files)
        let makeEgressRun: @Sendable () -> EgressRun = { (try? egressFlags.egressRun(files: files)) ?? EgressRun() }
        _ = ResourceLimits.raiseOpenFileLimit()

        let period = try DurationParser.parse(interval)
        let metrics = AgentMetrics(interval: period)
        let endpoint: MetricsEndpoint
        do {
            guard let address = Self.listenAddress(listen) else { throw CommandFailure.usage("bad --listen") }
            endpoint = try MetricsEndpoint(listeningOn: address, logger: logger) { metrics.exposition() }
        } catch let error as IOError {
            throw CommandFailure.tool("cannot listen on \(listen): \(error)")
        }
        let bound = try endpoint.boundAddress()
        FileHandle.standardError.write(Data("netready serve: listening on \(bound) (/metrics)\n".utf8))

        let stop = StopSignal()
        let signals = SignalTrap(stop: stop)
        defer { signals.cancel() }
        let runOptions = options
        let currentRun = CurrentRun()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await endpoint.serve(until: stop) }
            group.addTask { if let reason = await stop.wait() { currentRun.stop(because: reason) } }
            group.addTask {
                await Self.runForever(
                    CheckExecution(plan: plan, options: runOptions, dns: dns), egress: makeEgressRun, period: period,
                    metrics: metrics, stop: stop, currentRun: currentRun)
            }
        }
        logger.notice("agent stopped", metadata: ["reason": "\(stop.reason ?? "")"])
    }

    /// Runs the plan, stores its metrics, waits for the next start; until `stop` fires.
    private static func runForever(
        _ execution: CheckExecution, egress: @Sendable () -> EgressRun, period: Duration, metrics: AgentMetrics,
        stop: StopSignal, currentRun: CurrentRun
    ) async {
        while stop.reason == nil {
            let next = ContinuousClock.now + period
            metrics.runStarted()
            // Each run has its own stop signal (the runner fires it when done); the agent's stop
            // is passed on to the run in progress.
            let runStop = StopSignal()
            currentRun.start(runStop, alreadyStopped: stop.reason)
            let report = await execution.run(egress: egress(), stop: runStop, redact: false)
            currentRun.finish()
            // A run cut short by the agent stopping is not published: its skips are not results.
            if report.incomplete { metrics.runAbandoned() } else { metrics.runFinished(report) }
            await withTaskGroup(of: Void.self) { wait in
                wait.addTask { try? await Task.sleep(until: next, clock: .continuous) }
                wait.addTask { _ = await stop.wait() }
                await wait.next()
                wait.cancelAll()
            }
        }
    }

    /// `127.0.0.1:9469` or `[::1]:9469` as a socket address.
    static func listenAddress(_ text: String) -> SocketAddress? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        return try? SocketAddress(ip: host, port: port)
    }
}

/// The stop signal of the run in progress, so the agent's SIGTERM reaches it.
private final class CurrentRun: Sendable {
    private let signal = Mutex<StopSignal?>(nil)

    func start(_ run: StopSignal, alreadyStopped reason: String?) {
        signal.withLock { $0 = run }
        if let reason { run.trigger(reason) }
    }

    func finish() { signal.withLock { $0 = nil } }

    func stop(because reason: String) { signal.withLock { $0 }?.trigger(reason) }
}
