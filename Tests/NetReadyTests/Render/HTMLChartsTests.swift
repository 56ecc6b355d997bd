import Foundation
import Testing

@testable import NetReady

/// The geometry behind the HTML report's SVG charts: axes that stay readable, media bars only from what was
/// measured.
@Suite struct HTMLChartsTests {
    @Test func latenciesOfOneOrderOfMagnitudeGetALinearAxisWithRoundTicks() {
        let scale = HTMLChartScale(values: [0.81, 4.59, 16.1, 37.6], width: 400)
        #expect(!scale.logarithmic)
        #expect(scale.ticks == [0, 10, 20, 30, 40])
        #expect(scale.x(20) == 200)
    }

    @Test func loopbackAndFarDestinationsTogetherGetALogarithmicAxis() {
        let scale = HTMLChartScale(values: [0.27, 5.7, 60.3], width: 300)
        #expect(scale.logarithmic)
        // Ends on 1-2-5 values just outside the data, not whole decades (100 would waste a third of the width).
        #expect(scale.lower == 0.2 && scale.upper == 100)
        #expect(scale.ticks.map(HTMLChartScale.label) == ["0.2", "0.5", "1", "2", "5", "10", "20", "50", "100"])
        #expect(abs(scale.x(100) - 300) < 1e-9 && abs(scale.x(0.2)) < 1e-9)
        let wide = HTMLChartScale(values: [0.03, 4000], width: 300)
        #expect(wide.ticks.map(HTMLChartScale.label) == ["0.02", "0.1", "1", "10", "100", "1000", "5000"])
        // Bars start at zero, so a bar chart never gets a log axis.
        #expect(!HTMLChartScale(values: [0.01, 5], width: 300, allowLog: false).logarithmic)
    }

    @Test func mediaBarsComeFromTheStreamAggregatesOnly() throws {
        let stream = ProbeResult(
            uri: "rtp://198.18.0.31:5004?duration=3s", kind: "rtp", status: .warn, reason: .mediaLoss,
            message: "loss 4.7%", details: ["media": ["loss_percent": 4.67, "jitter_ms": 0.17, "mos": 3.95]])
        let plain = ProbeResult(uri: "tcp://127.0.0.1:1", kind: "tcp", status: .fail, message: "refused")
        #expect(HTMLCharts.media([("Voice", plain)]) == nil)
        let chart = try #require(HTMLCharts.media([("Voice", stream), ("Voice", plain)]))
        #expect(chart.rows.count == 1)
        #expect(chart.rows[0].loss == "4.67 %" && chart.rows[0].jitter == "0.17 ms")
        #expect(chart.rows[0].title.contains("MOS 3.95"))
    }

    @Test func longURIsAreCutInTheMiddleKeepingHostAndEnd() {
        let uri = "https://login.example.com/a/very/long/path/that/does/not/fit/into/the/label/column:443"
        let label = HTMLCharts.truncated(uri)
        #expect(label.count == HTMLCharts.labelCharacters)
        #expect(label.hasPrefix("https://login.example.com") && label.hasSuffix("column:443"))
    }
}
