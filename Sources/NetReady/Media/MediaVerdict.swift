import Foundation

/// Judges a media stream that got answers (`rtp://`, `stun:` and `turn:` with `duration`) against the run's
/// thresholds, the same way for every kind: above a limit is a `warn`, above a severe limit a `fail`, with the
/// reason of the worst crossing (`media.loss`, `media.jitter`, `media.latency`).
struct MediaVerdict {
    let thresholds: MediaThresholds

    /// "MOS 4.40, RTT p50 1.2 ms, jitter 0.1 ms, loss 0.0% (0/250)": the figures a telephony lead reads first.
    static func summary(_ quality: MediaQuality) -> String {
        String(
            format: "MOS %.2f, RTT p50 %.1f ms, jitter %.1f ms, loss %.1f%% (%d/%d)%@", quality.mos,
            quality.roundTrip?.p50 ?? 0, quality.jitterMilliseconds, quality.lossPercent, quality.lost, quality.sent,
            quality.reordered > 0 ? ", \(quality.reordered) reordered" : "")
    }

    /// Sets the status, reason and message of `result` from `quality` (which had at least one answer).
    func judge(_ quality: MediaQuality, into result: inout ProbeResult) {
        let rtt = quality.roundTrip?.p50 ?? 0
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
        let summary = Self.summary(quality)
        if let worst = crossed.first(where: \.severe) ?? crossed.first {
            result.status = crossed.contains(where: \.severe) ? .fail : .warn
            result.reason = worst.reason
            result.message = summary + " — " + crossed.map(\.words).joined(separator: ", ")
        } else {
            result.status = .pass
            result.reason = nil
            result.message = summary
        }
    }
}
