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
    /// Which limits came from the command line (`--max-*`): those win over a target file's `thresholds:`.
    package var lossIsExplicit = false
    package var jitterIsExplicit = false
    package var roundTripIsExplicit = false

    package init() {}

    /// These limits with a `thresholds:` block's on top, except where the command line set one; a stated limit
    /// above the severe one raises the severe one with it.
    package func applying(_ block: ThresholdsBlock?) -> MediaThresholds {
        guard let block else { return self }
        var limits = self
        if let loss = block.maxLossPercent, !lossIsExplicit {
            limits.maxLossPercent = loss
            limits.severeLossPercent = max(severeLossPercent, loss)
        }
        if let jitter = block.maxJitterMilliseconds, !jitterIsExplicit {
            limits.maxJitterMilliseconds = jitter
            limits.severeJitterMilliseconds = max(severeJitterMilliseconds, jitter)
        }
        if let roundTrip = block.maxRoundTripMilliseconds, !roundTripIsExplicit {
            limits.maxRoundTripMilliseconds = roundTrip
            limits.severeRoundTripMilliseconds = max(severeRoundTripMilliseconds, roundTrip)
        }
        return limits
    }
}
