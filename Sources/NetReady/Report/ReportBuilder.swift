import Foundation
import NetReadyHTTP
import NetReadyPosix
import NetReadyTLS

/// Assembles a `Report` from a plan and its results, with the host facts support needs.
package enum ReportBuilder {
    /// This build's version, written into every report.
    package static let version = "0.1.0"

    /// - Parameter egress: the run's egress discovery and allow-list; the egress section also takes the STUN,
    ///   TURN and SIP probes' mapped addresses, and an allow-list adds its own target.
    package static func build(
        plan: Plan, outcome: Runner.Outcome, options: RunOptions, startedAt: Date, finishedAt: Date,
        redaction: ReportRedaction? = nil, egress: EgressRun = EgressRun()
    ) -> Report {
        // SIP ALG questions a probe left open are settled with the whole run's NAT evidence.
        let results = SIPALGInference.apply(
            to: outcome.results, discovered: egress.findings?.observations ?? [],
            localAddresses: SIPALGInference.localAddresses())
        var probesByTarget = [[ProbeResult]](repeating: [], count: plan.targets.count)
        for (probe, result) in zip(plan.probes, results) { probesByTarget[probe.targetIndex].append(result) }
        var targets = zip(plan.targets, probesByTarget).map { target, probes in
            TargetResult(name: target.name, required: target.required, tags: target.tags, probes: probes)
        }
        let (egressInfo, allowListTarget) = egress.section(results: results, options: options)
        if let allowListTarget { targets.append(allowListTarget) }
        var report = Report(
            tool: toolInfo,
            startedAt: startedAt,
            finishedAt: finishedAt,
            incomplete: outcome.stoppedBecause != nil,
            host: HostFacts.collect(resolvers: options.dns?.servers.map(DNSSettings.label)),
            options: RunOptionsInfo(
                samples: options.samples, timeoutMs: options.timeout.milliseconds, concurrency: options.concurrency,
                sources: plan.sources.map { SourceInfo(path: $0.path, sha256: $0.sha256) }, tags: options.tags),
            egress: egressInfo.recording(nat: outcome.natBehaviour),
            targets: targets
        )
        let requirements = RequirementsEvaluator.rows(plan: plan, results: outcome.results, egress: report.egress)
        if !requirements.isEmpty {
            report.requirements = requirements
            report.summary.apply(requirements)
        }
        // --redact: one pass over the finished report; should it fail, nothing unredacted is returned.
        guard let redaction else { return report }
        return (try? redaction.redact(report)) ?? Report.unredactable(report)
    }

    /// The tool and the C libraries it runs on.
    package static var toolInfo: ToolInfo {
        ToolInfo(version: version, libraries: ["openssl": TLSLibrary.version, "libcurl": HTTPLibrary.version])
    }
}

/// Facts about the probing host for the report's `host` section.
enum HostFacts {
    /// - Parameter resolvers: the resolvers the run used; resolv.conf's nameservers when nil.
    static func collect(resolvers used: [String]? = nil) -> HostInfo {
        let interfaces = ((try? NetworkInterface.all()) ?? []).filter { !$0.isLoopback }.map {
            InterfaceInfo(name: $0.name, addresses: $0.addresses)
        }
        return HostInfo(
            hostname: ProcessInfo.processInfo.hostName,
            os: operatingSystem(),
            interfaces: interfaces,
            resolvers: used ?? (try? ResolvConf.load())?.nameservers ?? [],
            proxy: ProxySettings(option: nil).reportable(redact: false)
        )
    }

    /// The distribution's name from os-release, or the kernel's.
    static func operatingSystem() -> String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
                return String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\""))
            }
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }
}
