/// What an `rtp://` probe measured (`details.media`), and the ICMP error that stopped a stream nothing echoed
/// (`details.icmp_error`).
package struct MediaObservation: Encodable, Sendable {
    package var codec: String
    package var quality: MediaQuality
    package var icmpError: String?
    /// The `dscp=` marking and what the responder saw.
    package var dscp: DSCPReading?

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
        try container.encodeIfPresent(icmpError, forKey: .icmpError)
    }
}
