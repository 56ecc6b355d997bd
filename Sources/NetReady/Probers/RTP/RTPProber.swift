import Foundation
import NetReadyPosix
import NetReadyWire

/// `rtp://HOST:PORT[?duration=10s&codec=g711|opus]`: a voice-like stream to an echo responder
/// (`netready responder`), judged as a telephony lead would: loss, jitter, round trip and MOS.
package struct RTPProber: Prober {
    /// Packet shape per codec: G.711 sends 160 bytes of audio every 20 ms (172 with the RTP
    /// header); the Opus-like stream sends 20 ms frames of 60 bytes (24 kbit/s).
    static let codecs: [String: (payloadType: UInt8, payloadBytes: Int, ptime: Duration)] = [
        "g711": (0, 160, .milliseconds(20)),
        "opus": (111, 60, .milliseconds(20)),
    ]
    package static let defaultDuration: Duration = .seconds(10)

    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        guard let port = probe.uri.port else {
            result.message = "rtp probe without a port"
            return result
        }
        guard let addresses = await probe.resolveAddresses(into: &result, context: context, port: port) else {
            return result
        }
        let address = addresses[0]
        result.address = address.description
        let codecName = probe.uri.mediaCodec ?? "g711"
        let codec = Self.codecs[codecName] ?? Self.codecs["g711"]!
        let duration = probe.uri.mediaDuration ?? Self.defaultDuration
        let stream = RTPStream(
            destination: address, payloadType: codec.payloadType, payloadBytes: codec.payloadBytes, ptime: codec.ptime,
            duration: duration, drainTimeout: probe.timeout,
            source: probe.sourceAddress(for: address, options: context.options), interface: context.options.interface,
            trafficClass: probe.uri.dscp?.trafficClass)
        guard let outcome = await context.budget.withSlot(host: address.ip, { await stream.run() }) else {
            result.status = .skip
            result.message = "not run: the run stopped before this probe started"
            return result
        }
        switch outcome {
        case .failure(let error):
            result.status = .error
            result.message = "could not stream to \(address): \(error)"
        case .success(let measured):
            judge(measured, codec: codecName, thresholds: context.options.mediaThresholds, into: &result)
            if let dscp = probe.uri.dscp, measured.quality.received > 0 {
                let reading = await DSCPCheck.read(dscp, at: address, probe: probe, context: context)
                result.observations.media?.dscp = reading
                reading.judge(into: &result)
            }
        }
        return result
    }

    private func judge(
        _ measured: RTPStream.Measurement, codec: String, thresholds: MediaThresholds,
        into result: inout ProbeResult
    ) {
        let quality = measured.quality
        result.latencyMs = quality.roundTrip
        result.observations.media = MediaObservation(codec: codec, quality: quality)
        if quality.received == 0 {
            result.status = .fail
            result.reason = .mediaLoss
            if let icmp = measured.icmpError {
                result.observations.media?.icmpError = icmp.description
                let from = icmp.offender.map { " from \($0)" } ?? ""
                result.message =
                    icmp.classification(destination: measured.destination.ip) == .closedPort
                    ? "nothing echoed: no responder listens on \(measured.destination) (ICMP port unreachable)"
                    : "nothing echoed: ICMP type \(icmp.type) code \(icmp.code)\(from)"
            } else {
                result.message =
                    "nothing came back from \(measured.destination) (\(quality.sent) packets sent): "
                    + "the media path is filtered, or no netready responder runs there"
            }
            return
        }
        let rtt = quality.roundTrip?.p50 ?? 0
        let summary = String(
            format: "MOS %.2f, RTT p50 %.1f ms, jitter %.1f ms, loss %.1f%% (%d/%d)%@", quality.mos, rtt,
            quality.jitterMilliseconds, quality.lossPercent, quality.lost, quality.sent,
            quality.reordered > 0 ? ", \(quality.reordered) reordered" : "")
        var crossed: [(reason: Reason, severe: Bool, words: String)] = []
        if quality.lossPercent > thresholds.maxLossPercent {
            crossed.append(
                (
                    .mediaLoss, quality.lossPercent > thresholds.severeLossPercent,
                    String(format: "loss above %.1f%%", thresholds.maxLossPercent)
                ))
        }
        if quality.jitterMilliseconds > thresholds.maxJitterMilliseconds {
            crossed.append(
                (
                    .mediaJitter, quality.jitterMilliseconds > thresholds.severeJitterMilliseconds,
                    String(format: "jitter above %.0f ms", thresholds.maxJitterMilliseconds)
                ))
        }
        if rtt > thresholds.maxRoundTripMilliseconds {
            crossed.append(
                (
                    .mediaLatency, rtt > thresholds.severeRoundTripMilliseconds,
                    String(format: "RTT above %.0f ms", thresholds.maxRoundTripMilliseconds)
                ))
        }
        if let worst = crossed.first(where: \.severe) ?? crossed.first {
            result.status = crossed.contains(where: \.severe) ? .fail : .warn
            result.reason = worst.reason
            result.message = summary + " — " + crossed.map(\.words).joined(separator: ", ")
        } else {
            result.status = .pass
            result.message = summary
        }
    }
}
