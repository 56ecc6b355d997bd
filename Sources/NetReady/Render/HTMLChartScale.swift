import Foundation

/// The horizontal axis of an HTML report chart: milliseconds (or percent) to SVG x, with labelled ticks.
///
/// Latencies in one run often span loopback (0.05 ms) to a far vendor (200 ms); on a linear axis the near
/// ones collapse onto zero, so the axis turns logarithmic when the values span more than
/// two decades (its ends and ticks on 1-2-5 values), and stays linear with 1-2-5 steps otherwise, which is
/// easier to read.
struct HTMLChartScale {
    let logarithmic: Bool
    let lower: Double
    let upper: Double
    let width: Double

    /// A scale covering `values` (all ≥ 0) over `width` pixels; bars (lengths from zero) need `allowLog: false`.
    init(values: [Double], width: Double, allowLog: Bool = true) {
        self.width = width
        let positive = values.filter { $0 > 0 }
        let largest = values.max() ?? 0
        if allowLog, let smallest = positive.min(), largest / smallest > 100 {
            logarithmic = true
            lower = Self.steps(around: smallest).last { $0 <= smallest } ?? smallest
            upper = Self.steps(around: largest).first { $0 >= largest } ?? largest
        } else {
            logarithmic = false
            lower = 0
            let step = Self.step(for: largest)
            upper = max(step, (largest / step).rounded(.up) * step)
        }
    }

    /// The x offset of `value`, clamped to the axis.
    func x(_ value: Double) -> Double {
        let fraction: Double
        if logarithmic {
            let clamped = min(max(value, lower), upper)
            fraction = (log10(clamped) - log10(lower)) / (log10(upper) - log10(lower))
        } else {
            fraction = min(max(value, 0), upper) / upper
        }
        return fraction * width
    }

    /// The tick values: each power of ten on a log axis, 1-2-5 steps on a linear one.
    var ticks: [Double] {
        if logarithmic {
            // 1-2-5 ticks while they fit (up to about three decades), else each power of ten and the ends.
            let first = Int(floor(log10(lower))), last = Int(ceil(log10(upper)))
            let fine = log10(upper / lower) <= 3.5
            let candidates = (first...last).flatMap { decade in
                (fine ? [1.0, 2, 5] : [1.0]).map { $0 * pow(10, Double(decade)) }
            }
            let inside = candidates.filter { $0 >= lower * 0.999 && $0 <= upper * 1.001 }
            return fine ? inside : Array(Set([lower] + inside + [upper])).sorted()
        }
        let step = Self.step(for: upper)
        return stride(from: 0, through: upper + step / 2, by: step).map { $0 }
    }

    /// A tick's label: no trailing zeros, no exponent.
    static func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value >= 1 { return String(format: "%.0f", value) }
        return String(format: "%g", value)
    }

    /// The 1-2-5 values of the decade holding `value` and the ones next to it.
    private static func steps(around value: Double) -> [Double] {
        let decade = floor(log10(value))
        return (-1...1).flatMap { offset in [1.0, 2, 5].map { $0 * pow(10, decade + Double(offset)) } }
    }

    /// The 1-2-5 step that cuts `span` into at most about five intervals.
    private static func step(for span: Double) -> Double {
        guard span > 0 else { return 1 }
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let nice = [1.0, 2, 5, 10].first { $0 * magnitude >= raw } ?? 10
        return nice * magnitude
    }
}
