/// Judges the quality stream of a `turn:` probe (`duration=` with credentials) like every media stream: its figures
/// in `details.media` with the keys of `rtp://` and `stun:` streams, its round-trip percentiles as the probe's
/// `latency_ms`, and the same thresholds and reasons (`media.loss`, `media.jitter`, `media.latency`).
struct TURNStreamVerdict {
    let thresholds: MediaThresholds

    /// Records what the stream measured; the status and message are left to ``judge(_:relayed:over:into:)``, which
    /// a failed session (the connection broke mid-stream) does not reach.
    static func record(_ measured: TURNMediaStream.Measurement, into result: inout ProbeResult) {
        let quality = MediaQuality(sent: measured.sentAt, arrivals: measured.arrivals)
        var media = MediaObservation(codec: measured.codec, quality: quality)
        media.incomplete = measured.interrupted
        media.bitsPerSecond = measured.bitsPerSecond
        result.observations.media = media
        result.latencyMs = quality.roundTrip
    }

    /// Status, reason and message of a session whose stream ran: "relayed stream via ADDRESS over udp: MOS ...".
    func judge(
        _ measured: TURNMediaStream.Measurement, relayed: String, over: String, into result: inout ProbeResult
    ) {
        let quality = MediaQuality(sent: measured.sentAt, arrivals: measured.arrivals)
        var suffix = measured.interrupted ? " (interrupted: \(quality.sent) packets sent before the run stopped)" : ""
        if let broken = measured.broken { suffix += "; the stream ended early: \(broken)" }
        guard quality.received > 0 else {
            result.status = .fail
            result.reason = .mediaLoss
            result.message =
                "the relay at \(relayed) carried single round trips, but none of the stream's \(quality.sent) "
                + "packets came back\(over)" + suffix
            return
        }
        MediaVerdict(thresholds: thresholds).judge(quality, into: &result)
        result.message = "relayed stream via \(relayed)\(over): " + result.message + suffix
    }
}
