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
    /// What each packet adds to its audio payload at the IP layer: IPv4 (20), UDP (8) and RTP (12) headers.
    static let headerBytes = 40

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
        // `bitrate=` pads the packets so the stream carries that rate at the IP layer (20 + 8 + 12 header bytes
        // per packet), to measure a `min_bandwidth` requirement; never below the codec's own size.
        let perSecond = Double(Duration.seconds(1) / codec.ptime)
        let payloadBytes = VoiceCadence.payloadBytes(
            carrying: probe.uri.query["bitrate"].flatMap(ThresholdsBlock.bandwidth), overhead: Self.headerBytes,
            atLeast: codec.payloadBytes, packetsPerSecond: perSecond)
        let stream = RTPStream(
            destination: address, payloadType: codec.payloadType, payloadBytes: payloadBytes, ptime: codec.ptime,
            duration: duration, drainTimeout: probe.timeout,
            source: probe.sourceAddress(for: address, options: context.options), interface: context.options.interface,
            trafficClass: probe.uri.dscp?.trafficClass)
        let outcome = await context.budget.withSlot(host: address.ip) { await stream.run() }
        result.recordStream(outcome, to: address) { measured, result in
            judge(measured, codec: codecName, thresholds: probe.mediaThresholds, into: &result)
            result.observations.media?.bitsPerSecond = VoiceCadence.bitsPerSecond(
                payloadBytes: payloadBytes, overhead: Self.headerBytes, packetsPerSecond: perSecond)
        }
        // The marking the responder saw, asked for once the stream showed the path carries media.
        if let dscp = probe.uri.dscp, (result.observations.media?.quality.received ?? 0) > 0 {
            let reading = await DSCPCheck.read(dscp, at: address, probe: probe, context: context)
            result.observations.media?.dscp = reading
            reading.judge(into: &result)
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
        MediaVerdict(thresholds: thresholds).judge(quality, into: &result)
    }
}
