import NetReadyPosix

/// Traces the path to a destination with TTL-limited probes of the protocol and port that failed.
///
/// Hops are probed in waves (TTL 1-8 at once, then 9-16), several probes per hop in parallel, each waiting at most
/// `hopTimeout`; a wave answered by the destination (or by a host refusing the traffic), or ending in
/// `silentHopsToStop` silent hops, ends the trace. A trace so takes one or two hop timeouts, however far the path.
package struct PathTracer: Sendable {
    /// How a trace probes.
    package struct Settings: Sendable {
        /// The highest TTL probed.
        package var maxHops = 16
        /// Probes per hop, sent together; the hop's answer is the fastest one.
        package var probesPerHop = 2
        /// Hops probed at once.
        package var waveSize = 8
        /// Consecutive silent hops after which the path is taken to stop.
        package var silentHopsToStop = 3
        /// How long each probe waits for its answer.
        package var hopTimeout: Duration = .seconds(1)

        /// The defaults: 16 hops, 2 probes per hop, waves of 8, stop after 3 silent hops, 1 s per hop.
        package init() {}
    }

    /// How this tracer probes.
    package let settings: Settings

    /// A tracer with `settings`.
    package init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Traces the path to `destination` (address and port) with `transport` probes.
    ///
    /// - Parameters:
    ///   - source: a local address to send from (`--source`), of the destination's family.
    ///   - interface: an interface to send through (`--interface`).
    package func trace(
        to destination: SocketAddress, transport: PathTransport, source: SocketAddress? = nil,
        interface: String? = nil
    ) async -> PathTrace {
        let probe = PathHopProbe(
            destination: destination, transport: transport, source: source, interface: interface,
            timeout: settings.hopTimeout)
        var hops: [PathHop] = []
        var firstTTL = 1
        while firstTTL <= settings.maxHops && !Task.isCancelled {
            let wave = firstTTL...min(settings.maxHops, firstTTL + max(1, settings.waveSize) - 1)
            let (answers, localError) = await probeWave(wave, with: probe)
            if let localError, answers.allSatisfy({ !$0.answered }) {
                return .notTraced(localError, transport: transport)
            }
            hops += answers
            if hops.contains(where: \.answer.endsThePath) { break }
            let trailingSilent = hops.reversed().prefix { !$0.answered }.count
            if trailingSilent >= settings.silentHopsToStop { break }
            firstTTL = wave.upperBound + 1
        }
        return PathTrace(transport: transport, destination: destination, hops: hops, maxHops: settings.maxHops)
    }

    /// Probes every TTL of `wave` at once; returns one merged hop per TTL, and a local error if one happened.
    ///
    /// Once a TTL's answer ends the path, probes of higher TTLs are cancelled: they cannot tell more.
    private func probeWave(_ wave: ClosedRange<Int>, with probe: PathHopProbe) async -> ([PathHop], String?) {
        let perHop = max(1, settings.probesPerHop)
        return await withTaskGroup(of: (Int, PathHopProbe.Outcome).self) { group in
            for ttl in wave {
                for _ in 0..<perHop {
                    group.addTask { (ttl, await probe.run(ttl: ttl)) }
                }
            }
            var byTTL: [Int: [PathHop]] = [:]
            var finished: [Int: Int] = [:]
            var endTTL: Int?
            var localError: String?
            for await (ttl, outcome) in group {
                finished[ttl, default: 0] += 1
                switch outcome {
                case .hop(let hop):
                    byTTL[ttl, default: []].append(hop)
                    if hop.answer.endsThePath { endTTL = min(endTTL ?? ttl, ttl) }
                case .localError(let error):
                    localError = localError ?? error
                }
                if let endTTL, (wave.lowerBound...endTTL).allSatisfy({ finished[$0] == perHop }) {
                    group.cancelAll()
                    break
                }
            }
            let last = endTTL ?? wave.upperBound
            return ((wave.lowerBound...last).map { PathHop.merge(byTTL[$0] ?? [], ttl: $0) }, localError)
        }
    }
}
