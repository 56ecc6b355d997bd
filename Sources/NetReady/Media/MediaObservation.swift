/// What a media stream (`rtp://`, `stun:` with `duration`) measured (`details.media`), and the ICMP error that
/// stopped a stream nothing echoed (`details.icmp_error`).
package struct MediaObservation: Encodable, Sendable {
    package var codec: String
    package var quality: MediaQuality
    package var icmpError: String?
    /// The `dscp=` marking and what the responder saw.
    package var dscp: DSCPReading?
    /// True when the run was stopped (Ctrl-C) before the stream's end: the figures cover what was sent so far.
    package var incomplete = false
    /// Requests a STUN server answered with an error response.
    package var errorResponses: Int?
    /// Requests a STUN server left unanswered after it stopped answering for good (rate limiting): they are not
    /// counted as loss, which covers only the requests up to its last answer.
    package var unansweredAfterStop: Int?
    /// The stream's rate at the IP layer, in bits per second, for streams a far end echoes (`rtp://`).
    package var bitsPerSecond: Double?

    init(codec: String, quality: MediaQuality) {
        self.codec = codec
        self.quality = quality
    }

    enum CodingKeys: String, CodingKey {
        case media
        case icmpError = "icmp_error"
    }

    enum MediaKeys: String, CodingKey {
        case codec, sent, received, lost, reordered, duplicates, mos, dscp
        case lossPercent = "loss_percent"
        case lostBursts = "lost_bursts"
        case longestBurst = "longest_burst"
        case jitter = "jitter_ms"
        case rFactor = "r_factor"
        case firstLost = "first_lost"
        case incomplete
        case errorResponses = "error_responses"
        case unansweredAfterStop = "unanswered_after_stop"
        case bitrate = "bitrate_kbps"
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var media = container.nestedContainer(keyedBy: MediaKeys.self, forKey: .media)
        try media.encode(codec, forKey: .codec)
        try media.encode(quality.sent, forKey: .sent)
        try media.encode(quality.received, forKey: .received)
        try media.encode(quality.lost, forKey: .lost)
        try media.encode(LatencySummary.rounded(quality.lossPercent), forKey: .lossPercent)
        try media.encode(quality.lostBursts, forKey: .lostBursts)
        try media.encode(quality.longestBurst, forKey: .longestBurst)
        try media.encode(quality.reordered, forKey: .reordered)
        try media.encode(quality.duplicates, forKey: .duplicates)
        try media.encode(quality.jitterMilliseconds, forKey: .jitter)
        try media.encode((quality.rFactor * 10).rounded() / 10, forKey: .rFactor)
        try media.encode(quality.mos, forKey: .mos)
        try media.encode(quality.firstLost, forKey: .firstLost)
        try media.encodeIfPresent(dscp, forKey: .dscp)
        if incomplete { try media.encode(true, forKey: .incomplete) }
        try media.encodeIfPresent(errorResponses, forKey: .errorResponses)
        try media.encodeIfPresent(unansweredAfterStop, forKey: .unansweredAfterStop)
        try media.encodeIfPresent(bitsPerSecond.map { ($0 / 100).rounded() / 10 }, forKey: .bitrate)
        try container.encodeIfPresent(icmpError, forKey: .icmpError)
    }
}
