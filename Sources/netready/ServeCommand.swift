import ArgumentParser
import Foundation
import Logging
import NetReady
import NetReadyPosix
import NetReadyServe

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

    @Option(help: "Stop (exit 0) after this many runs, once their samples are pushed; default: run until signalled.")
    var runs: Int?

    @Option(
        help: ArgumentHelp(
            "Least time between two quality streams (stun:…?duration=) to one public STUN server; the last result is "
                + "reused in between, so a fleet of agents never hammers public servers.",
            valueName: "duration"))
    var publicStreamInterval = "15m"

    @OptionGroup var probing: ProbingOptions
    @OptionGroup var egress: EgressOptions
    @OptionGroup(title: "Remote write") var remoteWrite: RemoteWriteOptions

    @Flag(help: "More detail on stderr.")
    var verbose = false

    func validate() throws {
        try probing.validate()
        try egress.validate()
        try remoteWrite.validate()
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
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
        guard (try? DurationParser.parse(publicStreamInterval)) != nil else {
            throw ValidationError("--public-stream-interval '\(publicStreamInterval)': write e.g. 15m or 1h")
        }
    }

    func run() async throws {
        Diagnostics.bootstrap(verbose: verbose)
        let logger = Logger(label: "netready.serve")
        let (arguments, probingOptions, egressOptions) = (self.targets, self.probing, self.egress)
        let reuse = try DurationParser.parse(publicStreamInterval)
        let current = CurrentTargets(
            try AgentTargets.load(
                arguments, probing: probingOptions, egress: egressOptions, publicStreamInterval: reuse))
        _ = ResourceLimits.raiseOpenFileLimit()

        let period = try DurationParser.parse(interval)
        let pushes = try AgentRemoteWrite(remoteWrite, logger: logger)
        let metrics = AgentMetrics(interval: period) { pushes.writeFamilies(into: &$0) }
        guard let address = Self.listenAddress(listen) else { throw CommandFailure.usage("bad --listen") }
        let onDemand = OnDemandProbes(targets: current)
        let server = AgentHTTPServer(
            host: address.ip, port: Int(address.port), metrics: metrics, targetNames: { current.targets.names },
            probeTarget: { await onDemand.probe($0) }, logger: logger)

        let stop = StopSignal()
        let signals = SignalTrap(stop: stop)
        defer { signals.cancel() }
        let hangUps = HangUpTrap {
            Self.reload(
                arguments, probing: probingOptions, egress: egressOptions, into: current, metrics: metrics,
                logger: logger)
        }
        defer { hangUps.cancel() }
        var agentLoop = AgentLoop(targets: current, period: period, metrics: metrics, logger: logger)
        agentLoop.maxRuns = runs
        agentLoop.onRunFinished = { pushes.push(metrics.samples(), finishedAt: $0.finishedAt) }
        let loop = agentLoop
        let pushing = Task { await pushes.run() }
        defer { pushing.cancel() }
        let listen = listen
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await server.serve(until: stop) { bound in
                        FileHandle.standardError.write(Data("netready serve: listening on \(bound) (/metrics)\n".utf8))
                    }
                } catch {
                    throw CommandFailure.tool("cannot listen on \(listen): \(error)")
                }
            }
            group.addTask { await loop.run(until: stop) }
            // A server that cannot listen stops the agent.
            do {
                try await group.next()
                try await group.next()
            } catch {
                stop.trigger("the HTTP server failed")
                throw error
            }
        }
        let undelivered = await pushes.drain()
        if undelivered > 0 {
            logger.warning(
                "remote-write: runs not delivered at exit",
                metadata: ["runs": "\(undelivered)", "kept": "\(remoteWrite.spool == nil ? "no (no --spool)" : "in the spool")"])
        }
        logger.notice("agent stopped", metadata: ["reason": "\(stop.reason ?? "")"])
    }

    /// SIGHUP: reads the target files again. A bad file keeps the targets the agent has, and says
    /// why in the log and in `netready_agent_config_reload_success 0`.
    static func reload(
        _ arguments: [String], probing: ProbingOptions, egress: EgressOptions, into targets: CurrentTargets,
        metrics: AgentMetrics, logger: Logger
    ) {
        do {
            let loaded = try AgentTargets.load(
                arguments, probing: probing, egress: egress,
                publicStreamInterval: targets.targets.options.publicStreamInterval)
            targets.replace(with: loaded)
            metrics.configReloaded(succeeded: true)
            logger.notice(
                "reloaded the target files; the next run uses them",
                metadata: ["targets": "\(loaded.plan.targets.count)", "probes": "\(loaded.plan.probes.count)"])
        } catch {
            metrics.configReloaded(succeeded: false)
            let reason = (error as? CommandFailure)?.message ?? "\(error)"
            logger.error("reload failed, keeping the previous targets: \(reason)")
        }
    }

    /// `127.0.0.1:9469` or `[::1]:9469` as a socket address.
    static func listenAddress(_ text: String) -> SocketAddress? {
        try? SocketAddress(endpoint: text, defaultPort: nil, allowingPortZero: true)
    }
}
