import Foundation
import NetReadyHTTP
import Synchronization

/// The egress part of one run: discovery against the egress servers (run alongside the probes, in their
/// budget), the allow-list, and how both become the report's `egress` section and allow-list target.
package final class EgressRun: Sendable {
    /// The discovery to run; nil when there are no egress servers (mapped addresses are still collected).
    package let discovery: EgressDiscovery?
    /// The allow-list; nil when none was given.
    package let allowList: EgressAllowList?
    private let state = Mutex<EgressDiscovery.Findings?>(nil)

    /// Creates the egress part of a run.
    package init(discovery: EgressDiscovery? = nil, allowList: EgressAllowList? = nil) {
        self.discovery = discovery.flatMap { $0.servers.isEmpty ? nil : $0 }
        self.allowList = allowList.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs the discovery (pass it as the runner's `alongside` work) and keeps its findings.
    package func discover(context: ProbeContext) async {
        guard let discovery else { return }
        let findings = await discovery.run(context: context)
        state.withLock { $0 = findings }
    }

    /// What the discovery found, nil before it ran (or when there was none).
    package var findings: EgressDiscovery.Findings? { state.withLock { $0 } }

    /// The egress section from the findings plus the probes' mapped addresses, and the allow-list's target.
    package func section(results: [ProbeResult], options: RunOptions) -> (EgressInfo, TargetResult?) {
        let findings = self.findings ?? EgressDiscovery.Findings()
        let observations = findings.observations + MappedAddressObservations.collect(from: results)
        var info = EgressSummarizer.summarize(observations, servers: findings.servers)
        if let proxy = Self.proxyNote(findings, options: options) { info.notes.append(proxy) }
        return (info, allowList?.judge(info))
    }

    /// HTTP echo answers through a proxy show the proxy's egress, not the subnet's: say so.
    static func proxyNote(_ findings: EgressDiscovery.Findings, options: RunOptions) -> String? {
        guard findings.observations.contains(where: { $0.via == "http" }) else { return nil }
        guard ProxySettings(option: options.proxy).isConfigured else { return nil }
        return "a proxy is configured: http egress servers were asked through it, so they show the proxy's egress "
            + "address (where web traffic leaves from), not necessarily where UDP/STUN traffic leaves from"
    }
}
