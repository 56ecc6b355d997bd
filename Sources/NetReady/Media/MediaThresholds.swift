/// When a media stream is good enough: above a limit is a `warn`, above a severe limit a `fail`.
///
/// Defaults from published figures: loss < 1 % and jitter < 30 ms (Microsoft Teams network
/// targets; Twilio's SDK warns above 1 % and 30 ms), RTT < 100 ms (Teams); severe: loss > 5 %,
/// jitter > 60 ms, RTT > 400 ms (Twilio's SDK warning threshold for RTT).
package struct MediaThresholds: Sendable, Equatable {
    package var maxLossPercent: Double = 1
    package var maxJitterMilliseconds: Double = 30
    package var maxRoundTripMilliseconds: Double = 100
    package var severeLossPercent: Double = 5
    package var severeJitterMilliseconds: Double = 60
    package var severeRoundTripMilliseconds: Double = 400

    package init() {}
}
