import Testing

@testable import NetReady

@Suite(.timeLimit(.minutes(3))) struct MediaQualityTests {
    let start = ContinuousClock.now

    func sent(_ count: Int) -> [ContinuousClock.Instant] { (0..<count).map { start + .milliseconds(20 * $0) } }

    @Test func cleanStreamScoresNearTheG711Ceiling() {
        let sends = sent(100)
        let quality = MediaQuality(
            sent: sends, arrivals: sends.enumerated().map { ($0.offset, $0.element + .milliseconds(10)) })
        #expect(quality.lost == 0 && quality.reordered == 0)
        #expect(quality.jitterMilliseconds == 0)
        #expect(quality.roundTrip?.p50 == 10)
        // R = 93.2 - 0.024 * (5 + 10) = 92.84 → MOS 4.40.
        #expect(quality.mos == 4.4)
    }

    @Test func lossBurstsAndReorderingAreCounted() {
        let sends = sent(10)
        let order = [0, 1, 3, 2, 6, 7, 9]  // 4, 5 and 8 lost; 2 arrives after 3
        let quality = MediaQuality(sent: sends, arrivals: order.map { ($0, sends[$0] + .milliseconds(5)) })
        #expect(quality.lost == 3)
        #expect(quality.lossPercent == 30)
        #expect(quality.reordered == 1)
        #expect(quality.lostBursts == 2)
        #expect(quality.longestBurst == 2)
        #expect(quality.firstLost == [4, 5, 8])
    }

    @Test func jitterFollowsRFC3550() {
        // Transit alternates 10 ms / 20 ms: |D| = 10 every packet, so J converges towards 10.
        let sends = sent(200)
        let quality = MediaQuality(
            sent: sends,
            arrivals: sends.enumerated().map {
                ($0.offset, $0.element + .milliseconds($0.offset % 2 == 0 ? 10 : 20))
            })
        #expect(quality.jitterMilliseconds > 9.9 && quality.jitterMilliseconds <= 10)
    }

    @Test func mosFallsWithLossAndDelay() {
        let sends = sent(100)
        let clean = MediaQuality(sent: sends, arrivals: sends.enumerated().map { ($0.offset, $0.element) })
        let lossy = MediaQuality(
            sent: sends, arrivals: sends.enumerated().filter { $0.offset % 20 != 0 }.map { ($0.offset, $0.element) })
        let slow = MediaQuality(
            sent: sends, arrivals: sends.enumerated().map { ($0.offset, $0.element + .milliseconds(500)) })
        #expect(lossy.mos < clean.mos)
        #expect(slow.mos < clean.mos)
        #expect(clean.mos <= 4.5 && slow.mos >= 1)
    }
}
