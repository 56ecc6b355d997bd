/// The shape of a voice-cadence quality stream that netready both sends and reads back (`stun:` and `turn:` with
/// `duration`): one packet every 20 ms, sized like the codec's RTP packet, and a drain window for the last answers
/// that keeps the whole stream inside `duration`.
struct VoiceCadence: Sendable {
    /// The packet interval: G.711 and Opus both send 20 ms frames.
    static let interval: Duration = .milliseconds(20)
    /// UDP payload per packet: the RTP packet of the codec (12-byte header plus 160 or 60 bytes of audio).
    static let payloadBytes = ["g711": 172, "opus": 72]
    /// IPv4 and UDP headers: what a UDP payload adds up to at the IP layer.
    static let ipAndUDPHeaderBytes = 28

    let duration: Duration
    /// The longest wait for the last answers (the probe's timeout), itself cut to a tenth of `duration`.
    let drainLimit: Duration

    /// The drain window: at most the probe's timeout and a tenth of the stream (so it never outlasts `duration`).
    var drain: Duration { min(drainLimit, duration / 10) }

    /// How many packets the stream sends: as many 20 ms slots as fit before the drain window.
    var count: Int { max(1, Int((duration - drain) / Self.interval)) }

    /// When packet `sequence` is due: an absolute schedule, so a late packet does not delay the ones after it.
    func due(_ sequence: Int, from start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        start + Self.interval * sequence
    }

    /// The UDP payload of the codec's packet (G.711 when `codec` is unknown).
    static func payloadBytes(codec: String) -> Int { payloadBytes[codec] ?? payloadBytes["g711"]! }

    /// Packets per second at this cadence.
    static var packetsPerSecond: Double { Double(Duration.seconds(1) / interval) }

    /// The payload that brings a stream to `bitrate` (`bitrate=`, bits per second at the IP layer) when each
    /// packet adds `overhead` header bytes to it, never below `minimum` (the codec's own size); `minimum` without
    /// a bitrate. This is how a stream carries a `min_bandwidth` requirement's rate to a far end.
    static func payloadBytes(
        carrying bitrate: Double?, overhead: Int, atLeast minimum: Int, packetsPerSecond: Double = packetsPerSecond
    ) -> Int {
        guard let bitrate else { return minimum }
        return max(minimum, Int((bitrate / 8 / packetsPerSecond).rounded()) - overhead)
    }

    /// The rate at the IP layer of a stream of `payloadBytes` packets with `overhead` header bytes each.
    static func bitsPerSecond(payloadBytes: Int, overhead: Int, packetsPerSecond: Double = packetsPerSecond) -> Double {
        Double((payloadBytes + overhead) * 8) * packetsPerSecond
    }

    /// A sequence number as the 4 big-endian bytes a packet carries.
    static func bytes(of sequence: Int) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: UInt32(truncatingIfNeeded: sequence) >> $0) }
    }

    /// The sequence number carried big-endian in `bytes`.
    static func sequence<Bytes: Collection<UInt8>>(from bytes: Bytes) -> Int { bytes.reduce(0) { $0 << 8 | Int($1) } }
}
