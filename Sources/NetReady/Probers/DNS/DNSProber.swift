import Foundation
import NetReadyPosix
import NetReadyWire

/// `dns:NAME[?type=...&server=...]`: asks every configured resolver (or only the `server=` one) `samples` times
/// and names what each one said.
///
/// The name is asked as written (no search list), like dig. A resolver passes when it answers NOERROR with
/// records that are not a sinkhole; the probe fails when every resolver fails, warns when only some do or when
/// they disagree about the answer (split horizon, a filtering resolver), and passes otherwise.
package struct DNSProber: Prober {
    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        let typeName = probe.uri.dnsType ?? "A"
        guard let type = DNSRecordType(name: typeName) else {
            result.message = "dns probe with an unknown record type '\(typeName)'"
            return result
        }
        let system = { try? DNSSettings.load(explicit: [], resolvConf: try? ResolvConf.load()) }
        guard var configured = context.options.dns ?? system(), !configured.servers.isEmpty else {
            result.message = "no resolver to ask"
            return result
        }
        if let server = probe.uri.dnsServer {
            let named = await DNSServerOption.endpoints(
                server, family: context.options.family, resolver: context.resolver, timeout: probe.timeout)
            if let failure = named.failure
                ?? (named.addresses.isEmpty ? (.dnsNXDomain, "\(server) has no address") : nil)
            {
                result.status = .fail
                result.reason = failure.reason
                result.message = "server=\(server): \(failure.message)"
                return result
            }
            configured.servers = named.addresses
        }
        let settings = configured
        let name = probe.uri.host
        let perServer = await withTaskGroup(of: (Int, [DNSSample]).self) { group in
            for (index, server) in settings.servers.enumerated() {
                group.addTask {
                    (
                        index,
                        await Self.samples(
                            name, type: type, server: server, probe: probe, settings: settings,
                            context: context)
                    )
                }
            }
            var collected = [[DNSSample]](repeating: [], count: settings.servers.count)
            for await (index, samples) in group { collected[index] = samples }
            return collected
        }
        let verdicts = zip(settings.servers, perServer).map { server, samples in
            ResolverVerdict(server: server, samples: samples, sinkholes: probe.sinkholes)
        }
        for verdict in verdicts {
            for sample in verdict.samples {
                result.attempts.append(
                    Attempt(
                        at: sample.started, ms: sample.lookup.elapsed.milliseconds, outcome: sample.outcome,
                        address: DNSSettings.label(verdict.server)))
            }
        }
        result.address = settings.servers.first.map(DNSSettings.label)
        result.latencyMs = LatencySummary(durations: verdicts.flatMap(\.answeredDurations))
        result.observations.dns = DNSObservation(
            name: name, type: type.description, resolvers: verdicts.map(\.observation))
        decide(verdicts, type: type, into: &result)
        return result
    }

    /// `samples` lookups of one resolver, spaced by the run's sample interval, each inside a budget slot.
    static func samples(
        _ name: String, type: DNSRecordType, server: SocketAddress, probe: PlannedProbe, settings: DNSSettings,
        context: ProbeContext
    ) async -> [DNSSample] {
        var samples: [DNSSample] = []
        for index in 0..<probe.samples {
            if index > 0 { try? await Task.sleep(for: context.options.sampleInterval) }
            let started = Date()
            let lookup = await context.budget.withSlot(host: server.ip) {
                await DNSLookup.run(name, type: type, server: server, settings: settings, timeout: probe.timeout)
            }
            guard let lookup else { break }
            samples.append(DNSSample(started: started, lookup: lookup))
        }
        return samples
    }

    private func decide(_ verdicts: [ResolverVerdict], type: DNSRecordType, into result: inout ProbeResult) {
        let summary = verdicts.map(\.summary).joined(separator: "; ")
        let failed = verdicts.filter { $0.failure != nil }
        if verdicts.allSatisfy({ $0.samples.isEmpty }) {
            result.status = .skip
            result.message = "not probed: the run stopped first"
        } else if failed.count == verdicts.count {
            result.status = .fail
            result.reason = failed[0].failure?.reason
            result.message = summary
        } else if let first = failed.first {
            result.status = .warn
            result.reason = first.failure?.reason
            result.message = summary
        } else if Set(verdicts.map(\.answerSet)).count > 1 {
            result.status = .warn
            result.message = "resolvers disagree: " + summary
        } else {
            result.status = .pass
            result.message = summary
        }
    }
}

/// One timed lookup of a `dns:` probe.
struct DNSSample: Sendable {
    let started: Date
    let lookup: DNSLookup

    /// The attempt's outcome: the rcode, or why there was none.
    var outcome: String {
        if let code = lookup.responseCode { return code.description }
        return lookup.failure?.reason.rawValue ?? "no answer"
    }
}
