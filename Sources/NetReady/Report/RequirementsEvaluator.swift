import Foundation

/// Turns each `thresholds:` block of a plan into `requirements[]` rows, judged on what the run measured.
///
/// Loss and jitter are measured only by media streams (`rtp://`, `stun:` and `turn:` with `duration`); RTT by a
/// stream's median round trip, else by the median of plain STUN, TURN and ICMP round trips; bandwidth only where a
/// far end carries a stream of that rate (`rtp://` to `netready responder`); egress stability by the report's
/// egress section. Nothing is guessed: what no probe measured is `not_measured`, saying what would measure it.
package enum RequirementsEvaluator {
    /// The rows of every scope of `plan`, in plan order.
    package static func rows(plan: Plan, results: [ProbeResult], egress: EgressInfo) -> [RequirementRow] {
        plan.requirementScopes.flatMap { scope in
            Scope(scope: scope, results: scope.probeIDs.filter { $0 < results.count }.map { results[$0] }, egress: egress)
                .rows()
        }
    }

    private struct Scope {
        let scope: RequirementScope
        let results: [ProbeResult]
        let egress: EgressInfo

        /// Streams that got at least one answer, with their figures.
        var streams: [(uri: String, media: MediaObservation)] {
            results.compactMap { result in
                guard let media = result.observations.media, media.quality.received > 0 else { return nil }
                return (result.uri, media)
            }
        }

        /// Why the scope's streams measured nothing.
        var noStream: String {
            let tried = results.filter { $0.observations.media != nil || $0.uri.contains("duration=") }
            if let failed = tried.first {
                return "the quality stream got no answer: \(failed.message)"
            }
            return "no quality stream among these probes (add stun:HOST:PORT?duration=5s or rtp://RESPONDER:PORT)"
        }

        func row(
            _ what: String, limit: String, source explicitFlag: String?, measured: String?, pass: Bool?, why: String?,
            probes: [String]
        ) -> RequirementRow {
            RequirementRow(
                name: "\(scope.label): \(what)" + (limit.hasPrefix("<") || limit.hasPrefix("≥") ? " \(limit)" : ""),
                limit: limit, measured: measured,
                status: pass.map { $0 ? .pass : .fail } ?? .notMeasured, why: why, probes: probes,
                source: explicitFlag.map { "command line (\($0))" } ?? scope.block.source,
                coversRequired: scope.required)
        }

        func rows() -> [RequirementRow] {
            var rows: [RequirementRow] = []
            let limits = scope.limits
            let streams = streams
            if scope.block.maxRoundTripMilliseconds != nil { rows.append(roundTrip(limits, streams)) }
            if scope.block.maxJitterMilliseconds != nil {
                rows.append(
                    worst(
                        "jitter", limit: limits.maxJitterMilliseconds, unit: " ms",
                        flag: limits.jitterIsExplicit ? "--max-jitter" : nil, streams: streams,
                        figure: \.jitterMilliseconds, describe: { "\(ThresholdsBlock.trim($0.jitterMilliseconds)) ms" }))
            }
            if scope.block.maxLossPercent != nil {
                rows.append(
                    worst(
                        "loss", limit: limits.maxLossPercent, unit: "%", flag: limits.lossIsExplicit ? "--max-loss" : nil,
                        streams: streams, figure: \.lossPercent,
                        describe: { "\(ThresholdsBlock.trim($0.lossPercent))% (\($0.lost)/\($0.sent))" }))
            }
            if let minimum = scope.block.minBandwidthBitsPerSecond { rows.append(bandwidth(minimum, streams)) }
            if scope.block.egressStable { rows.append(egressStability()) }
            return rows
        }

        /// A row judged on the stream with the highest `figure` (loss, jitter): at most `limit` passes.
        private func worst(
            _ what: String, limit: Double, unit: String, flag: String?,
            streams: [(uri: String, media: MediaObservation)], figure: (MediaQuality) -> Double,
            describe: (MediaQuality) -> String
        ) -> RequirementRow {
            let worst = streams.max { figure($0.media.quality) < figure($1.media.quality) }
            return row(
                what, limit: "< \(ThresholdsBlock.trim(limit))\(unit)", source: flag,
                measured: worst.map { describe($0.media.quality) }, pass: worst.map { figure($0.media.quality) <= limit },
                why: worst == nil ? "not measured: \(noStream)" : nil, probes: streams.map(\.uri))
        }

        private func roundTrip(
            _ limits: MediaThresholds, _ streams: [(uri: String, media: MediaObservation)]
        ) -> RequirementRow {
            let limit = limits.maxRoundTripMilliseconds
            // Streams first; without one, the round trips of plain STUN, TURN and ICMP probes.
            var measured = streams.compactMap { stream in stream.media.quality.roundTrip.map { (stream.uri, $0.p50) } }
            if measured.isEmpty {
                measured = results.compactMap { result in
                    guard ["stun", "stuns", "turn", "turns", "icmp"].contains(result.kind),
                        result.status == .pass || result.status == .warn, let p50 = result.latencyMs?.p50
                    else { return nil }
                    return (result.uri, p50)
                }
            }
            let worst = measured.max { $0.1 < $1.1 }
            return row(
                "RTT", limit: "< \(ThresholdsBlock.trim(limit)) ms",
                source: limits.roundTripIsExplicit ? "--max-rtt" : nil,
                measured: worst.map { "p50 \(ThresholdsBlock.trim($0.1)) ms" }, pass: worst.map { $0.1 <= limit },
                why: worst == nil
                    ? "not measured: no STUN, TURN, ICMP or media round trip among these probes got an answer" : nil,
                probes: measured.map(\.0))
        }

        private func bandwidth(
            _ minimum: Double, _ streams: [(uri: String, media: MediaObservation)]
        ) -> RequirementRow {
            // Only a stream a far end echoes carries the rate both ways; delivered = sent rate × share received.
            let carried = streams.compactMap { stream -> (String, Double)? in
                guard let rate = stream.media.bitsPerSecond, stream.media.quality.sent > 0 else { return nil }
                return (stream.uri, rate * Double(stream.media.quality.received) / Double(stream.media.quality.sent))
            }
            let weakest = carried.min { $0.1 < $1.1 }
            return row(
                "bandwidth", limit: "≥ \(ThresholdsBlock.describe(bitsPerSecond: minimum))", source: nil,
                measured: weakest.map { "\(ThresholdsBlock.describe(bitsPerSecond: $0.1)) delivered" },
                pass: weakest.map { $0.1 >= minimum },
                why: weakest == nil
                    ? "not measured: needs netready responder or TURN credentials (a stream at that rate, e.g. "
                        + "rtp://RESPONDER:PORT?duration=5s&bitrate=\(Int(minimum / 1000))kbps)" : nil,
                probes: carried.map(\.0))
        }

        private func egressStability() -> RequirementRow {
            let addresses = egress.addresses.map(\.ip)
            let measured: String? =
                egress.stable == nil
                ? nil
                : addresses.count == 1 ? "one address, \(addresses[0])" : "\(addresses.count) addresses: "
                    + addresses.joined(separator: ", ")
            return row(
                "egress address stable across connections", limit: "one address", source: nil, measured: measured,
                pass: egress.stable,
                why: egress.stable == nil
                    ? "not measured: fewer than two connections reported their egress address" : nil,
                probes: [])
        }
    }
}
