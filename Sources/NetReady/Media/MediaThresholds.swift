/// When a media stream is good enough: above a limit is a `warn`, above a severe limit a `fail`.
///
/// Defaults from published figures: loss < 1 % and jitter < 30 ms (Microsoft Teams network
/// targets; Twilio's SDK warns above 1 % and 30 ms), RTT < 100 ms (Teams); severe: loss > 5 %,
/// jitter > 60 ms, RTT > 400 ms (Twilio's SDK warning threshold for RTT).
public struct MediaThresholds: Sendable, Equatable {
    public var maxLossPercent: Double = 1
    public var maxJitterMilliseconds: Double = 30
    public var maxRoundTripMilliseconds: Double = 100
    public var severeLossPercent: Double = 5
    public var severeJitterMilliseconds: Double = 60
    public var severeRoundTripMilliseconds: Double = 400

    public init() {}
}
