import Foundation

/// The inline SVG charts of the HTML report, as geometry for the template: every coordinate is computed
/// here, every label stays a plain string that the template escapes.
///
/// Both charts are one row per probe, labelled with its URI, so the eye goes from a slow or lossy bar
/// straight to the destination; the full target, URI and numbers are in each row's `<title>` (a tooltip).
enum HTMLCharts {
    static let width = 1000.0
    static let labelX = 8.0
    static let plotX = 350.0
    static let rowHeight = 22.0
    static let top = 40.0
    static let bottom = 28.0
    /// URI labels are monospace at 12 px (about 7.2 px a character) in the 330 px before the plot.
    static let labelCharacters = 44

    /// One tick of an axis: where it is and what it says.
    struct Tick {
        let x: String
        let label: String
    }

    /// A latency row: the p50 dot, the p50-p99 range and the p90/p99 ticks of one probe.
    struct LatencyRow {
        let status: String
        let title: String
        let label: String
        let y: String
        let textY: String
        let tickTop: String
        let tickBottom: String
        let x50: String
        let x90: String
        let x99: String
        let valuesX: String
        let values: String
    }

    /// The vertical layout of a chart of `rows` rows: its height, where the plot ends and the lower tick labels.
    struct Frame {
        let height: String
        let axisBottom: String
        let lowerLabelY: String

        init(rows: Int) {
            let axisBottom = top + Double(rows) * rowHeight
            height = coordinate(axisBottom + bottom)
            self.axisBottom = coordinate(axisBottom)
            lowerLabelY = coordinate(axisBottom + 16)
        }
    }

    /// The latency chart: p50 (dot), p90 and p99 (ticks) per probe that measured any latency.
    struct Latency {
        let frame: Frame
        let scaleNote: String
        let valuesX: String
        let ticks: [Tick]
        let rows: [LatencyRow]
    }

    /// A media row: loss and jitter bars of one `rtp://` probe.
    struct MediaRow {
        let status: String
        let title: String
        let label: String
        let y: String
        let textY: String
        let barY: String
        let lossWidth: String
        let lossValueX: String
        let loss: String
        let jitterX: String
        let jitterWidth: String
        let jitterValueX: String
        let jitter: String
    }

    /// The media chart: loss % and jitter ms per media probe, the aggregates the prober measured.
    struct Media {
        let frame: Frame
        let jitterTitleX: String
        let lossTicks: [Tick]
        let jitterTicks: [Tick]
        let rows: [MediaRow]
    }

    /// A probe with the target it belongs to.
    typealias Located = (target: String, probe: ProbeResult)

    static let latencyPlotWidth = 440.0
    static let valuesX = plotX + latencyPlotWidth + 16

    /// The latency chart of the probes that have latency figures, or nil when none has.
    static func latency(_ probes: [Located]) -> Latency? {
        let measured = probes.compactMap { item in item.probe.latencyMs.map { (item, $0) } }
        guard !measured.isEmpty else { return nil }
        let scale = HTMLChartScale(
            values: measured.flatMap { [$0.1.p50, $0.1.p90, $0.1.p99] }, width: latencyPlotWidth)
        let rows = measured.enumerated().map { index, entry in
            let ((target, probe), latency) = entry
            let y = top + (Double(index) + 0.5) * rowHeight
            let values = "\(number(latency.p50)) / \(number(latency.p90)) / \(number(latency.p99)) ms"
            return LatencyRow(
                status: probe.status.rawValue,
                title: "\(target) — \(probe.uri): p50 \(number(latency.p50)) ms, p90 \(number(latency.p90)) ms, "
                    + "p99 \(number(latency.p99)) ms (\(latency.samples) samples, \(probe.status.rawValue))",
                label: truncated(probe.uri), y: coordinate(y), textY: coordinate(y + 4),
                tickTop: coordinate(y - 6), tickBottom: coordinate(y + 6),
                x50: coordinate(plotX + scale.x(latency.p50)), x90: coordinate(plotX + scale.x(latency.p90)),
                x99: coordinate(plotX + scale.x(latency.p99)), valuesX: coordinate(valuesX),
                values: values)
        }
        return Latency(
            frame: Frame(rows: rows.count), scaleNote: scale.logarithmic ? "ms, logarithmic scale" : "ms",
            valuesX: coordinate(valuesX),
            ticks: ticks(scale, at: plotX), rows: rows)
    }

    static let mediaPanelWidth = 230.0
    static let jitterX = plotX + mediaPanelWidth + 90

    /// The media chart of the probes whose details carry `media` aggregates, or nil when none does.
    static func media(_ probes: [Located]) -> Media? {
        let measured: [(Located, loss: Double, jitter: Double, mos: String)] = probes.compactMap { item in
            guard let media = item.probe.details["media"],
                let loss = media["loss_percent"].flatMap(double), let jitter = media["jitter_ms"].flatMap(double)
            else { return nil }
            let mos = media["mos"].flatMap(double).map { ", MOS \(number($0))" } ?? ""
            return (item, loss, jitter, mos)
        }
        guard !measured.isEmpty else { return nil }
        let lossScale = HTMLChartScale(
            values: measured.map(\.loss) + [1], width: mediaPanelWidth, allowLog: false)
        let jitterScale = HTMLChartScale(
            values: measured.map(\.jitter) + [1], width: mediaPanelWidth, allowLog: false)
        let rows = measured.enumerated().map { index, entry in
            let (target, probe) = entry.0
            let y = top + (Double(index) + 0.5) * rowHeight
            let lossWidth = lossScale.x(entry.loss)
            let jitterWidth = jitterScale.x(entry.jitter)
            return MediaRow(
                status: probe.status.rawValue,
                title: "\(target) — \(probe.uri): loss \(number(entry.loss)) %, jitter \(number(entry.jitter)) ms"
                    + entry.mos,
                label: truncated(probe.uri), y: coordinate(y), textY: coordinate(y + 4), barY: coordinate(y - 6),
                lossWidth: coordinate(max(lossWidth, 1)), lossValueX: coordinate(plotX + lossWidth + 6),
                loss: number(entry.loss) + " %", jitterX: coordinate(jitterX),
                jitterWidth: coordinate(max(jitterWidth, 1)), jitterValueX: coordinate(jitterX + jitterWidth + 6),
                jitter: number(entry.jitter) + " ms")
        }
        return Media(
            frame: Frame(rows: rows.count), jitterTitleX: coordinate(jitterX),
            lossTicks: ticks(lossScale, at: plotX), jitterTicks: ticks(jitterScale, at: jitterX), rows: rows)
    }

    private static func ticks(_ scale: HTMLChartScale, at origin: Double) -> [Tick] {
        scale.ticks.map { Tick(x: coordinate(origin + scale.x($0)), label: HTMLChartScale.label($0)) }
    }

    /// A URI that fits the label column, cut in the middle so scheme, host and port stay visible.
    static func truncated(_ text: String) -> String {
        guard text.count > labelCharacters else { return text }
        let head = text.prefix(labelCharacters - 12)
        return head + "…" + text.suffix(11)
    }

    /// A figure for people: two decimals under 10, one under 100, none above.
    static func number(_ value: Double) -> String {
        switch abs(value) {
        case ..<10: String(format: "%.2f", value)
        case ..<100: String(format: "%.1f", value)
        default: String(format: "%.0f", value)
        }
    }

    fileprivate static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func double(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}
