import NetReadyPosix

/// `udp://HOST:PORT[-PORT]`: whether UDP gets through to each port, as a firewall check sees it.
///
/// A reply means open; an ICMP port-unreachable from the destination means the path is open
/// and only the port is closed (a pass); silence after retries is `udp.filtered`, and so is an
/// ICMP error from a host on the way (admin-prohibited, or a port-unreachable sent on the
/// destination's behalf), whose sender the message names.
package struct UDPProber: Prober {
    /// Datagrams per second when `--rate` is not given: a 10,000-port range takes a second to send.
    package static let defaultPacketsPerSecond = 10_000.0

    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        guard let ports = probe.uri.ports else {
            result.message = "udp probe without a port"
            return result
        }
        guard let addresses = await probe.resolveAddresses(into: &result, context: context, port: ports.lowerBound)
        else { return result }
        result.address = addresses[0].description
        let isRange = ports.count > 1

        var byState: [UDPPortState: [UInt16]] = [:]
        var offenders: [UDPPortState: Set<String>] = [:]
        var roundTrips: [Duration] = []
        var observation = UDPObservation()
        for address in addresses {
            let scan = UDPPortScan(
                address: address, ports: Array(ports), rounds: isRange ? 2 : probe.samples, resendAnswered: !isRange,
                timeout: probe.timeout, roundInterval: isRange ? .zero : context.options.sampleInterval,
                packetsPerSecond: context.options.ratePerSecond ?? Self.defaultPacketsPerSecond,
                source: probe.sourceAddress(for: address, options: context.options),
                interface: context.options.interface)
            guard let outcome = await context.budget.withSlot(host: address.ip, { await scan.run() }) else {
                result.status = .skip
                result.message = "not run: the run stopped before this probe started"
                return result
            }
            if let error = outcome.localError {
                result.status = .error
                result.message = "could not probe \(address): \(error)"
                return result
            }
            roundTrips += outcome.roundTrips
            var counts: [String: Int] = [:]
            for (port, observation) in outcome.observations {
                byState[observation.state, default: []].append(port)
                if let offender = observation.offender { offenders[observation.state, default: []].insert(offender) }
            }
            for state in UDPPortState.allCases {
                counts[state.rawValue] = outcome.observations.values.count { $0.state == state }
            }
            observation.addresses.append(
                UDPAddressObservation(address: address.ip, datagramsSent: outcome.sent, counts: counts))
            if !isRange, let port = outcome.observations[ports.lowerBound] {
                observation.detail = port.detail
            }
        }
        result.latencyMs = LatencySummary(durations: roundTrips)
        for (state, list) in byState { observation.portsByState[state.rawValue] = list }
        result.observations.udp = observation
        decide(byState: byState, offenders: offenders, ports: ports, into: &result)
        // dscp=: a marked query to the (first) port, answered by a responder with the marking it saw.
        if let dscp = probe.uri.dscp, result.status == .pass {
            let reading = await DSCPCheck.read(
                dscp, at: addresses[0].withPort(ports.lowerBound), probe: probe, context: context)
            result.observations.udp?.dscp = reading
            reading.judge(into: &result)
        }
        // binding-lifetime=: how long an idle mapping survives, measured against a responder.
        if let lifetime = probe.uri.bindingLifetime, result.status == .pass || result.status == .warn {
            let destination = addresses[0].withPort(ports.lowerBound)
            let measurement = NATBindingMeasurement(
                destination: destination, lifetime: lifetime, timeout: probe.timeout,
                source: probe.sourceAddress(for: destination, options: context.options),
                interface: context.options.interface)
            NATBindingVerdict.judge(
                await measurement.run(), lifetime: lifetime, destination: destination, into: &result)
        }
        return result
    }

    private func decide(
        byState: [UDPPortState: [UInt16]], offenders: [UDPPortState: Set<String>],
        ports: ClosedRange<UInt16>, into result: inout ProbeResult
    ) {
        func list(_ state: UDPPortState) -> String { PortList.compress(Array(Set(byState[state] ?? [])).sorted()) }
        func from(_ state: UDPPortState) -> String {
            guard let names = offenders[state], !names.isEmpty else { return "" }
            return " by " + names.sorted().joined(separator: ", ")
        }
        let blocked: [UDPPortState] = [.filtered, .prohibited, .rejected, .unreachable]
        let open = UDPPortState.allCases.filter(\.pathOpen).flatMap { byState[$0] ?? [] }
        var parts: [String] = []
        if !open.isEmpty {
            let counts = UDPPortState.allCases.filter(\.pathOpen).compactMap { state -> String? in
                guard let count = byState[state]?.count, count > 0 else { return nil }
                return "\(count) \(state.words)"
            }
            parts.append(
                "path open on \(PortList.compress(Array(Set(open)).sorted())) (\(counts.joined(separator: ", ")))")
        }
        for state in blocked where !(byState[state]?.isEmpty ?? true) {
            parts.append("\(list(state)) \(state.words)\(from(state))")
        }
        result.message = parts.joined(separator: "; ")
        if blocked.allSatisfy({ byState[$0]?.isEmpty ?? true }) {
            result.status = .pass
        } else {
            result.status = .fail
            result.reason = .udpFiltered
        }
    }
}
