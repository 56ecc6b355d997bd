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
        plan: Plan, outcome: Runner.Outcome, options: RunOptions, startedAt: Date, finishedAt: Date, redact: Bool,
        egress: EgressRun = EgressRun()
    ) -> Report {
        var probesByTarget = [[ProbeResult]](repeating: [], count: plan.targets.count)
        for (probe, result) in zip(plan.probes, outcome.results) { probesByTarget[probe.targetIndex].append(result) }
        var targets = zip(plan.targets, probesByTarget).map { target, probes in
            TargetResult(name: target.name, required: target.required, tags: target.tags, probes: probes)
        }
        let (egressInfo, allowListTarget) = egress.section(results: outcome.results, options: options)
        if let allowListTarget { targets.append(allowListTarget) }
        return Report(
            tool: toolInfo,
            startedAt: startedAt,
            finishedAt: finishedAt,
            incomplete: outcome.stoppedBecause != nil,
            host: HostFacts.collect(redact: redact, resolvers: options.dns?.servers.map(DNSSettings.label)),
            options: RunOptionsInfo(
                samples: options.samples, timeoutMs: options.timeout.milliseconds, concurrency: options.concurrency,
                sources: plan.sources.map { SourceInfo(path: $0.path, sha256: $0.sha256) }, tags: options.tags),
            egress: egressInfo.recording(nat: outcome.natBehaviour),
            targets: targets
        )
    }

    /// The tool and the C libraries it runs on.
    package static var toolInfo: ToolInfo {
        ToolInfo(version: version, libraries: ["openssl": TLSLibrary.version, "libcurl": HTTPLibrary.version])
    }
}

/// Facts about the probing host for the report's `host` section.
enum HostFacts {
    /// - Parameter resolvers: the resolvers the run used; resolv.conf's nameservers when nil.
    static func collect(redact: Bool, resolvers used: [String]? = nil) -> HostInfo {
        let interfaces = ((try? NetworkInterface.all()) ?? []).filter { !$0.isLoopback }.map {
            InterfaceInfo(name: $0.name, addresses: redact ? $0.addresses.map(mask) : $0.addresses)
        }
        let resolvers = used ?? (try? ResolvConf.load())?.nameservers ?? []
        let environment = ProcessInfo.processInfo.environment
        var proxy: [String: String] = [:]
        for name in ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY"] {
            if let value = environment[name], !value.isEmpty { proxy[name.lowercased()] = redact ? "redacted" : value }
        }
        return HostInfo(
            hostname: redact ? "redacted" : ProcessInfo.processInfo.hostName,
            os: operatingSystem(),
            interfaces: interfaces,
            resolvers: redact ? resolvers.map(mask) : resolvers,
            proxy: proxy
        )
    }

    /// Keeps the network part of an address and hides the host part: 10.1.2.3 → 10.1.2.x.
    static func mask(_ address: String) -> String {
        if address.contains(":") {
            let groups = address.split(separator: ":", omittingEmptySubsequences: false)
            return groups.prefix(3).joined(separator: ":") + ":x"
        }
        let octets = address.split(separator: ".")
        guard octets.count == 4 else { return "x" }
        return octets.prefix(3).joined(separator: ".") + ".x"
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
