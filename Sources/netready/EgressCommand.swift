import ArgumentParser
import Foundation
import Logging
import NetReady

/// `netready egress`: egress NAT discovery alone — which public addresses this subnet leaves from, how often
/// each was seen over fresh connections, whether they rotate, and (with `--expect-egress`) whether they are
/// all inside the allow-list.
struct EgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "egress",
        abstract: "Discover the egress NAT addresses this subnet leaves from.",
        discussion: """
            Servers come from --server and from the egress: sections of the TARGET files or profiles (the \
            default profile when neither is given). Exit 1 when an address is outside --expect-egress or no \
            address was learned at all.
            """
    )

    @Argument(help: "Target files, directories or profile names whose egress: sections to use.")
    var targets: [String] = []

    @Option(
        name: [.customLong("server"), .customLong("egress-server")],
        help: """
            An egress server (repeatable): an http(s):// echo URL (plain-text or JSON answer), \
            dns:NAME?type=TXT&server=HOST (asked directly: the subnet's address; without server=, through \
            the resolvers: the resolver's address), or stun:HOST.
            """)
    var servers: [String] = []

    @Option(help: "Fresh connections per server and address family.")
    var connections: Int = EgressDiscovery.defaultConnections

    @Option(name: .customLong("expect-egress"), help: "Every egress address must be inside this CIDR (repeatable).")
    var expect: [String] = []

    @OptionGroup var probing: ProbingOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try probing.validate()
        try EgressArguments.validate(servers: servers, expect: expect, connections: connections, flag: "--server")
        try output.validate()
    }

    func run() async throws {
        Diagnostics.bootstrap(verbose: output.verbose)
        let files = targets.isEmpty && !servers.isEmpty ? [] : try TargetArguments.load(targets)
        var options = try probing.runOptions()
        let dns = try probing.dnsSettings(files: files)
        options.dns = dns
        let egress = try EgressArguments.run(servers: servers, expect: expect, connections: connections, files: files)
        guard egress.discovery != nil else {
            throw CommandFailure.usage(
                "netready egress: no egress servers: give --server URI, or a target file with an egress: servers: list")
        }
        // The files count as sources of the report, but their probes are not run.
        let plan = Plan(
            files: files.map {
                var file = $0
                file.targets = []
                return file
            }, options: options)

        let stop = StopSignal()
        let signals = SignalTrap(stop: stop)
        let started = Date()
        let runner = Runner(
            resolver: DNSHostResolver(settings: dns), options: options, logger: Logger(label: "netready"))
        let outcome = await runner.run(plan, stop: stop, alongside: egress.discover)
        let report = ReportBuilder.build(
            plan: plan, outcome: outcome, options: options, startedAt: started, finishedAt: Date(),
            redact: output.redact, egress: egress)
        signals.cancel()
        try write(report)

        if let signal = signals.caught { throw ExitCode(128 + signal) }
        if report.summary.verdict.exitCode != 0 || report.egress.addresses.isEmpty {
            throw ExitCode(ExitStatus.notReady)
        }
    }

    /// The Egress block (and the allow-list's verdict) for a terminal; the whole report in any other format.
    private func write(_ report: Report) throws {
        let format = output.resolvedFormat
        let text: String
        if format == .table {
            text = Self.table(report)
        } else {
            text = try format.renderer(color: output.useColor).render(report)
        }
        if let path = output.outputFile {
            try AtomicFile.write(text, to: path)
        } else {
            FileHandle.standardOutput.writeIfPossible(text)
        }
    }

    static func table(_ report: Report) -> String {
        var lines = EgressTableBlock.lines(report.egress)
        if lines.isEmpty { lines = ["Egress — no address learned"] }
        for target in report.targets {
            for probe in target.probes {
                let mark = probe.status == .pass ? "✓" : probe.status == .fail ? "✗" : "!"
                lines.append("\(target.name): \(mark) \(probe.message)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
