import NetReadyPosix
import Testing

/// Duration to numbers: the one conversion reports, metrics and timers use.
@Suite(.timeLimit(.minutes(3))) struct DurationUnitsTests {
    @Test func conversions() {
        let duration = Duration.seconds(2) + .microseconds(1500) + .nanoseconds(7)
        #expect(duration.seconds == 2.001500007)
        #expect(duration.milliseconds == 2001.5, "rounded to the microsecond")
        #expect(duration.microseconds == 2_001_500)
        #expect(duration.nanoseconds == 2_001_500_007)
        #expect(Duration.milliseconds(250).seconds == 0.25)
        #expect(Duration.zero.milliseconds == 0 && Duration.zero.nanoseconds == 0)
        #expect(Duration.nanoseconds(999).microseconds == 0, "truncated, not rounded")
    }
}
