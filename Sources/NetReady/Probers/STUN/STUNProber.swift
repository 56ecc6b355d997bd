import Foundation
import NetReadyPosix

/// `stun:` and `stuns:` (RFC 7064): Binding requests to a STUN server, the mapped (egress) address each one reflects,
/// and, over UDP when the server offers OTHER-ADDRESS, RFC 5780 NAT behaviour discovery.
///
/// `stun:` runs over UDP (RFC 8489 retransmission, cut at the probe's timeout) or, with `?transport=tcp`, over TCP;
/// `stuns:` over TLS, judged first like a `tls://` probe. Each sample is a fresh flow (a new socket or connection),
/// so a NAT that rotates its egress address per flow shows as several mapped addresses. NAT behaviour is
/// information: a pass stays a pass, but a mapping that depends on the destination (direct media between peers
/// fails, calls need TURN) makes it a warn.
package struct STUNProber: Prober {
    /// The longest any one RFC 5780 test waits: silence is an answer there (filtered), so it must be short.
    package static let natTestTimeout: Duration = .seconds(1)

    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        let transport = Self.transport(of: probe.uri)
        // Over TCP or TLS, through the proxy a browser would use; the server's address is still resolved here, for
        // the attempts' words and the UDP-only NAT discovery.
        var path = ProxyTunnel.Path.direct
        if transport != .udp {
            guard let chosen = await ProxyTunnel.path(for: probe, context: context, into: &result) else {
                return result
            }
            path = chosen
        }
        guard let address = await probe.firstAddress(into: &result, context: context) else { return result }
        if let duration = probe.uri.mediaDuration, transport == .udp {
            return await stream(probe, to: address, duration: duration, context: context, into: result)
        }
        var tls: TLSAttemptSettings?
        if transport == .tls {
            guard let settings = TLSAttemptSettings.make(for: probe, options: context.options, into: &result) else {
                return result
            }
            tls = settings
        }
        let source = probe.sourceAddress(for: address, options: context.options)
        var attempt = STUNBindingAttempt(
            server: address, transport: transport, timeout: probe.timeout, source: source,
            interface: context.options.interface, tls: tls)
        attempt.path = path
        attempt.authority = "\(probe.uri.bracketedHost):\(address.port)"
        let outcomes = await probe.sampleSequentially(
            address, context: context, into: &result, notRun: STUNBindingAttempt.Outcome.notConnected(.notRun),
            attempt: { [attempt] in await attempt.run() }, describe: { ($0.answer?.roundTrip.milliseconds, $0.word) })
        if case .tunnel(let tunnel, let proxyAddress) = path {
            result.address = proxyAddress.description
            result.observations.proxyTunnel = ProxyTunnelObservation(proxy: tunnel.name)
        }
        let proxyFailures = outcomes.compactMap { if case .proxyFailed(let failure) = $0 { failure } else { nil } }
        if let failure = proxyFailures.first, proxyFailures.count == outcomes.count {
            // No attempt got past the proxy (before any TLS): the proxy's verdict, not the server's.
            failure.record(into: &result)
            return result
        }
        STUNVerdict(probe: probe, transport: transport, tls: tls, trustFiles: context.options.caFiles)
            .judge(outcomes, address: address, into: &result)
        if case .tunnel(let tunnel, _) = path, result.reason != .httpProxy {
            result.message += "; through the proxy \(tunnel.name)"
        }

        guard transport == .udp, result.status == .pass || result.status == .warn,
            let other = outcomes.lazy.compactMap(\.answer).compactMap(\.otherAddress).first
        else { return result }
        let discovery = NATBehaviourDiscovery(
            server: address, otherAddress: other, perTestTimeout: min(probe.timeout, Self.natTestTimeout),
            source: source, interface: context.options.interface)
        if let findings = await context.budget.withSlot(host: address.ip, { await discovery.run() }) {
            findings.record(into: &result)
        }
        return result
    }

    /// The transport a STUN URI asks for: `stuns:` is TLS, `stun:` UDP unless `?transport=tcp`.
    static func transport(of uri: ProbeURI) -> STUNTransport {
        if uri.kind == .stuns { return .tls }
        return uri.transport == .tcp ? .tcp : .udp
    }
}

extension NATBehaviourDiscovery.Findings {
    /// Puts the findings into a STUN probe's details and message; a mapping that needs a relay makes a pass a warn.
    func record(into result: inout ProbeResult) {
        result.observations.nat = NATObservation(
            mapping: mapping, filtering: filtering, mappingTests: mappingTests, filteringTests: filteringTests,
            problems: problems)
        var words: [String] = []
        if let mapping { words.append("NAT " + mapping.consequence) }
        if let filtering { words.append("filtering is \(filtering.rawValue)") }
        if words.isEmpty, let problem = problems.first { words.append("NAT behaviour not determined: \(problem)") }
        if !words.isEmpty { result.message += "; " + words.joined(separator: "; ") }
        if mapping?.needsRelay == true && result.status == .pass { result.status = .warn }
    }
}
