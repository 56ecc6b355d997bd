import Foundation
import NetReadyPosix

/// `tcp://HOST:PORT[-PORT]`: connects to every resolved address and names what stopped it.
///
/// A single port gets `samples` attempts per address, spaced over time; a port range gets one
/// attempt per port and address, all under the run's budget, summarised per state.
package struct TCPProber: Prober {
    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        guard let ports = probe.uri.ports else {
            result.message = "tcp probe without a port"
            return result
        }
        guard let addresses = await probe.resolveAddresses(into: &result, context: context, port: ports.lowerBound)
        else { return result }
        result.address = addresses[0].description
        if ports.count > 1 {
            await sweep(ports: ports, addresses: addresses, probe: probe, context: context, into: &result)
        } else {
            await sample(addresses: addresses, probe: probe, context: context, into: &result)
        }
        return result
    }

    /// One connect attempt inside a budget slot; nil when the run is stopping.
    static func attempt(
        _ address: SocketAddress, probe: PlannedProbe, context: ProbeContext
    ) async
        -> TCPConnectObservation?
    {
        let source = probe.sourceAddress(for: address, options: context.options)
        // One descriptor: TCPConnect.attempt opens one socket and closes it before returning.
        return await context.budget.withSlot(host: address.ip, descriptors: 1) {
            // While it stays silent, a path trace may start before the timeout (`--trace-blocked`).
            let silence = context.silentAttempts?.begin(address, transport: .tcp, timeout: probe.timeout)
            let (outcome, kernelRoundTrip) = await TCPConnect.attemptMeasuringRoundTrip(
                to: address, source: source, interface: context.options.interface, timeout: probe.timeout)
            context.silentAttempts?.end(silence)
            var observation = TCPConnectObservation(outcome)
            // The kernel's SYN to SYN-ACK time is the connect RTT; the wall-clock figure stays in the details.
            if observation.state == .open, let kernelRoundTrip {
                observation.wallElapsed = observation.elapsed
                observation.elapsed = kernelRoundTrip
            }
            return observation
        }
    }

    // MARK: single port

    private func sample(
        addresses: [SocketAddress], probe: PlannedProbe, context: ProbeContext,
        into result: inout ProbeResult
    ) async {
        let perAddress = await withTaskGroup(of: (Int, [(Date, TCPConnectObservation)]).self) { group in
            for (index, address) in addresses.enumerated() {
                group.addTask {
                    var observations: [(Date, TCPConnectObservation)] = []
                    for sampleIndex in 0..<probe.samples {
                        if sampleIndex > 0 {
                            try? await Task.sleep(for: context.options.sampleInterval)
                        }
                        let started = Date()
                        guard let observation = await Self.attempt(address, probe: probe, context: context) else {
                            observations.append(
                                (
                                    started,
                                    TCPConnectObservation(
                                        state: .notRun, elapsed: nil, detail: "the run stopped before this attempt")
                                ))
                            break
                        }
                        observations.append((started, observation))
                    }
                    return (index, observations)
                }
            }
            var collected = [[(Date, TCPConnectObservation)]](repeating: [], count: addresses.count)
            for await (index, observations) in group { collected[index] = observations }
            return collected
        }

        var latencies: [Duration] = []
        var wallClock: [Duration] = []
        var verdicts: [(address: SocketAddress, summary: AddressSummary)] = []
        for (address, observations) in zip(addresses, perAddress) {
            for (started, observation) in observations {
                result.attempts.append(
                    Attempt(
                        at: started, ms: observation.elapsed?.milliseconds, outcome: observation.state.rawValue,
                        address: address.description))
                // Refused attempts time a real round trip (the RST), so they count as latency too.
                if let elapsed = observation.elapsed, observation.state == .open || observation.state == .refused {
                    latencies.append(elapsed)
                }
                if let wall = observation.wallElapsed { wallClock.append(wall) }
            }
            verdicts.append((address, AddressSummary(observations.map(\.1))))
        }
        result.latencyMs = LatencySummary(durations: latencies)
        result.observations.tcp = TCPObservation(
            addresses: verdicts.map { address, summary in
                TCPAddressObservation(
                    address: address, state: summary.state.rawValue, open: summary.openCount, attempts: summary.total,
                    detail: summary.detail)
            })
        result.observations.tcp?.wallClockConnectP50Ms = LatencySummary(durations: wallClock)?.p50
        decide(verdicts, into: &result)
    }

    /// Turns per-address summaries into the probe's status, reason and message.
    private func decide(_ verdicts: [(address: SocketAddress, summary: AddressSummary)], into result: inout ProbeResult)
    {
        let open = verdicts.filter { $0.summary.state == .open }
        let p50 = result.latencyMs.map { String(format: " (connect p50 %.2f ms)", $0.p50) } ?? ""
        if let local = verdicts.first(where: { $0.summary.state == .localError }) {
            result.status = .error
            result.message = "could not probe \(local.address): \(local.summary.detail)"
        } else if let notRun = verdicts.first(where: { $0.summary.state == .notRun }) {
            result.status = .skip
            result.message = "not probed: \(notRun.summary.detail)"
        } else if open.count == verdicts.count {
            let flaky = verdicts.first { $0.summary.openCount < $0.summary.total }
            if let flaky {
                result.status = .warn
                result.reason = flaky.summary.worstFailure?.reason
                let failed = flaky.summary.total - flaky.summary.openCount
                result.message =
                    "open, but "
                    + PartialFailure.words(failed, of: flaky.summary.total, "to \(flaky.address) failed")
                    + ": \(flaky.summary.detail)"
            } else {
                result.status = .pass
                let where_ = verdicts.map(\.address.description).joined(separator: ", ")
                result.message = "open: \(where_)\(p50)"
            }
        } else if !open.isEmpty {
            let closed = verdicts.first { $0.summary.state != .open }!
            result.status = .warn
            result.reason = closed.summary.state.reason
            result.message =
                "open on \(open.map(\.address.description).joined(separator: ", ")), but "
                + "\(closed.address) is \(closed.summary.state.words): \(closed.summary.detail)"
        } else {
            let first = verdicts[0]
            result.status = .fail
            result.reason = first.summary.state.reason
            let others = verdicts.dropFirst().map { "\($0.address) \($0.summary.state.words)" }
            let also = others.isEmpty ? "" : "; also " + others.joined(separator: ", ")
            result.message = "\(first.address) \(first.summary.state.words): \(first.summary.detail)\(also)"
        }
    }

    // MARK: port ranges

    private func sweep(
        ports: ClosedRange<UInt16>, addresses: [SocketAddress], probe: PlannedProbe,
        context: ProbeContext, into result: inout ProbeResult
    ) async {
        var states: [TCPConnectState: [UInt16]] = [:]
        var latencies: [Duration] = []
        var offenders: Set<String> = []
        for address in addresses {
            let observed = await withTaskGroup(of: (UInt16, TCPConnectObservation?).self) { group in
                for port in ports {
                    group.addTask {
                        (port, await Self.attempt(address.withPort(port), probe: probe, context: context))
                    }
                }
                var observed: [(UInt16, TCPConnectObservation?)] = []
                observed.reserveCapacity(ports.count)
                for await item in group { observed.append(item) }
                return observed
            }
            for (port, observation) in observed {
                let state = observation?.state ?? .notRun
                states[state, default: []].append(port)
                if state == .open, let elapsed = observation?.elapsed { latencies.append(elapsed) }
                if let offender = observation?.offender { offenders.insert(offender) }
            }
        }
        result.latencyMs = LatencySummary(durations: latencies)
        let order: [TCPConnectState] = [.open, .refused, .timeout, .prohibited, .unreachable, .localError, .notRun]
        result.observations.tcp = TCPObservation(
            portsByState: order.map { ($0.rawValue, (states[$0] ?? []).sorted()) },
            icmpFrom: offenders.isEmpty ? nil : offenders.sorted())

        let total = states.values.reduce(0) { $0 + $1.count }
        let summary = order.compactMap { state -> String? in
            guard let count = states[state]?.count, count > 0 else { return nil }
            return "\(count) \(state.words)"
        }.joined(separator: ", ")
        let target = addresses.count == 1 ? addresses[0].ip : "\(addresses.count) addresses"
        result.message = "\(total) ports on \(target): \(summary)"
        let failures = order.filter { $0 != .open && $0 != .notRun && $0 != .localError }
        if (states[.localError]?.count ?? 0) > 0 {
            result.status = .error
        } else if let worst = failures.max(by: { (states[$0]?.count ?? 0) < (states[$1]?.count ?? 0) }),
            (states[worst]?.count ?? 0) > 0
        {
            result.status = .fail
            result.reason = worst.reason
        } else if (states[.notRun]?.count ?? 0) > 0 {
            result.status = .skip
        } else {
            result.status = .pass
        }
    }
}

/// What the attempts to one address add up to.
struct AddressSummary {
    var state: TCPConnectState
    var openCount: Int
    var total: Int
    var detail: String
    var worstFailure: TCPConnectState?

    /// Open if any attempt connected; otherwise the most frequent failure, with its detail.
    init(_ observations: [TCPConnectObservation]) {
        total = observations.count
        openCount = observations.count { $0.state == .open }
        let failures = observations.filter { $0.state != .open }
        let counts = Dictionary(grouping: failures, by: \.state)
        let dominant = counts.max { $0.value.count < $1.value.count }
        worstFailure = dominant?.key
        if openCount > 0 {
            state = .open
            detail = dominant.map { "\($0.value.count)× \($0.key.words) (\($0.value[0].detail))" } ?? "connected"
        } else if let dominant {
            state = dominant.key
            detail = dominant.value[0].detail
        } else {
            state = .notRun
            detail = "no attempts"
        }
    }
}
