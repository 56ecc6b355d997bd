import Foundation
import NetReady
import Synchronization

/// What `netready serve` runs: the plan of the loaded target files with its options, loaded at
/// start-up and again on SIGHUP.
struct AgentTargets: Sendable {
    let files: [TargetFile]
    let plan: Plan
    let options: RunOptions
    let dns: DNSSettings
    let execution: CheckExecution
    let makeEgressRun: @Sendable () -> EgressRun

    /// Loads the TARGET arguments as `serve` was started with them.
    ///
    /// - Throws: `CommandFailure` (a bad target file, with file:line:column) or the flags' errors.
    static func load(
        _ arguments: [String], probing: ProbingOptions, egress: EgressOptions, publicStreamInterval: Duration? = nil
    ) throws -> AgentTargets {
        let files = try TargetArguments.load(arguments)
        var options = try probing.runOptions()
        options.publicStreamInterval = publicStreamInterval
        let dns = try probing.dnsSettings(files: files)
        options.dns = dns
        let plan = Plan(files: files, options: options)
        if plan.probes.isEmpty { throw CommandFailure.usage("netready: no probes to run") }
        // Each run collects its own egress observations; building one now checks the flags and files.
        _ = try egress.egressRun(files: files)
        let makeEgressRun: @Sendable () -> EgressRun = { (try? egress.egressRun(files: files)) ?? EgressRun() }
        return AgentTargets(
            files: files, plan: plan, options: options, dns: dns,
            execution: CheckExecution(plan: plan, options: options, dns: dns),
            makeEgressRun: makeEgressRun)
    }
}

extension AgentTargets {
    /// The names of the loaded targets, in file order, each once.
    var names: [String] {
        var seen: Set<String> = []
        return plan.targets.map(\.name).filter { seen.insert($0).inserted }
    }

    /// A run of the one target named `name` (of every file that has one so named), without egress
    /// discovery; nil when no loaded target has that name.
    func execution(forTarget name: String) -> CheckExecution? {
        let only = files.map { file in
            var file = file
            file.targets = file.targets.filter { $0.name == name }
            return file
        }
        let plan = Plan(files: only, options: options)
        return plan.probes.isEmpty ? nil : CheckExecution(plan: plan, options: options, dns: dns)
    }
}

/// The targets the agent runs now; SIGHUP swaps them between runs.
final class CurrentTargets: Sendable {
    private let current: Mutex<AgentTargets>

    init(_ targets: AgentTargets) { current = Mutex(targets) }

    var targets: AgentTargets { current.withLock { $0 } }

    func replace(with targets: AgentTargets) { current.withLock { $0 = targets } }
}
