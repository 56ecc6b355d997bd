/// Judges a `stun:` quality stream: path quality from the answers, told apart from a server that stops answering.
///
/// A public STUN server may rate-limit a client: it answers the first requests of a stream, then refuses them
/// (error responses) or stops answering for good. Counting that as packet loss would blame the customer's network
/// for the server's policy, so such a stream is `warn` with `stun.rate_limit`, naming how many requests were
/// answered, and its loss, jitter and RTT cover only the part before the server stopped.
struct STUNStreamVerdict {
    let thresholds: MediaThresholds
    let codec: String

    /// The shortest run of unanswered requests at the end of a stream, after answers, that reads as a server
    /// that stopped answering (half a second of a 20 ms stream, or a tenth of the stream when that is longer).
    static func stopRun(sent: Int) -> Int { max(25, sent / 10) }

    func judge(_ measured: STUNMediaStream.Measurement, server: String, into result: inout ProbeResult) {
        let sent = measured.sentAt.count
        let answered = measured.answers.map(\.sequence)
        let lastAnswer = (answered + measured.errorResponses).max()
        // Where the usable part of the stream ends: before the first refusal, or after the last answer of a server
        // that then went silent for good; the whole stream otherwise.
        var cut = sent
        if let firstError = measured.errorResponses.min() {
            cut = firstError
        } else if let lastAnswer, sent - 1 - lastAnswer >= Self.stopRun(sent: sent) {
            let prefixLoss = Double(lastAnswer + 1 - Set(answered).count) / Double(lastAnswer + 1)
            if prefixLoss < 0.5 { cut = lastAnswer + 1 }
        }
        let quality = MediaQuality(
            sent: Array(measured.sentAt[..<cut]), arrivals: measured.answers.filter { $0.sequence < cut })
        var media = MediaObservation(codec: codec, quality: quality)
        media.incomplete = measured.interrupted
        media.icmpError = measured.icmpError?.description
        if !measured.errorResponses.isEmpty { media.errorResponses = measured.errorResponses.count }
        if cut < sent { media.unansweredAfterStop = sent - cut }
        result.observations.media = media
        result.latencyMs = quality.roundTrip
        let interrupted = measured.interrupted ? " (interrupted: \(sent) requests sent before the run stopped)" : ""

        guard quality.received > 0 else {
            result.status = .fail
            if let error = measured.firstError, measured.errorResponses.count > 0 {
                result.reason = .stunError
                result.message = "\(server) refused the stream from its first request: error \(error)" + interrupted
            } else if let icmp = measured.icmpError {
                result.reason = .stunTimeout
                result.message = "no answer from \(server): ICMP type \(icmp.type) code \(icmp.code)" + interrupted
            } else {
                result.reason = .stunTimeout
                result.message =
                    "no answer from \(server) to \(sent) Binding requests: UDP to it is filtered, or no STUN "
                    + "server runs there" + interrupted
            }
            return
        }
        MediaVerdict(thresholds: thresholds).judge(quality, into: &result)
        result.message += interrupted
        guard cut < sent else { return }
        let how =
            measured.errorResponses.isEmpty
            ? "stopped answering after request \(cut) (\(quality.received) answered); the remaining \(sent - cut) "
                + "went unanswered"
            : "refused \(measured.errorResponses.count) of \(sent) requests from request \(cut + 1) on "
                + "(error \(measured.firstError ?? "?"))"
        let note = "\(server) \(how): rate limiting by the server, not loss on the path"
        if result.status == .fail {
            result.message += "; " + note
        } else {
            result.status = .warn
            result.reason = .stunRateLimit
            result.message = note + "; before that: " + result.message
        }
    }
}
