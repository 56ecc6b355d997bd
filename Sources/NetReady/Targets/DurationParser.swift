import Foundation
import NetReadyPosix

/// Parses durations written like Go and Prometheus do: `250ms`, `3s`, `1.5s`, `1m`, `2m30s`, `1h`, `100us`.
///
/// Units: `h`, `m`, `s`, `ms`, `us` (or `µs`), `ns`. Several parts may follow one another, largest first.
/// Negative, empty and unit-less values are rejected.
package enum DurationParser {
    private static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]
    private static let hint = "write 3s or 250ms"

    /// Parses `text` into a `Duration`.
    package static func parse(_ text: String) throws(DurationParseError) -> Duration {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw DurationParseError(message: "the duration is empty", fix: hint) }
        if text.hasPrefix("-") {
            throw DurationParseError(message: "duration '\(text)' is negative", fix: hint)
        }
        if text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            throw DurationParseError(message: "duration '\(text)' has no unit", fix: hint)
        }
        var rest = Substring(text)
        var total: Int64 = 0
        var lastUnit = Int64.max
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unitText.count)
            guard !number.isEmpty, let unit = units.first(where: { $0.suffix == unitText })?.nanoseconds else {
                throw DurationParseError(
                    message: "'\(text)' is not a duration",
                    fix: "\(hint); units are h, m, s, ms, us, ns"
                )
            }
            guard unit < lastUnit else {
                throw DurationParseError(
                    message: "'\(text)' repeats a unit or lists a smaller one first",
                    fix: "write the largest unit first, e.g. 2m30s")
            }
            lastUnit = unit
            guard let part = nanoseconds(number, unit: unit) else {
                throw DurationParseError(message: "'\(text)' is not a duration", fix: hint)
            }
            let (sum, overflow) = total.addingReportingOverflow(part)
            guard !overflow else { throw DurationParseError(message: "duration '\(text)' is too long", fix: hint) }
            total = sum
        }
        return .nanoseconds(total)
    }

    /// `number × unit` in nanoseconds, from an unsigned decimal with at most one point; `nil` on bad input.
    private static func nanoseconds(_ number: Substring, unit: Int64) -> Int64? {
        let pieces = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count <= 2, !number.hasPrefix("."), !number.hasSuffix("."),
            pieces.allSatisfy({ $0.allSatisfy(\.isNumber) }), let whole = Int64(pieces[0])
        else { return nil }
        let (wholePart, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        guard pieces.count == 2 else { return wholePart }
        var fraction: Int64 = 0
        var scale = unit
        for digit in pieces[1].prefix(18) {
            scale /= 10
            fraction += Int64(digit.wholeNumberValue ?? 0) * scale
        }
        return wholePart.addingReportingOverflow(fraction).overflow ? nil : wholePart + fraction
    }
}

/// Formats a duration the way ``DurationParser`` reads it: `250ms`, `3s`, `1.5s`, `2m30s`, `1h`, `0s`.
///
/// `DurationParser.parse(formatDuration(d)) == d` at nanosecond precision for non-negative durations.
func formatDuration(_ duration: Duration) -> String {
    let total = duration.nanoseconds
    if total == 0 { return "0s" }
    let sign = total < 0 ? "-" : ""
    let nanos = total.magnitude
    func decimal(_ value: UInt64, unit: UInt64, suffix: String) -> String {
        let whole = value / unit, fraction = value % unit
        guard fraction > 0 else { return "\(whole)\(suffix)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: String(unit - 1).count - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)\(suffix)"
    }
    if nanos < 1_000 { return "\(sign)\(nanos)ns" }
    if nanos < 1_000_000 { return sign + decimal(nanos, unit: 1_000, suffix: "us") }
    if nanos < 1_000_000_000 { return sign + decimal(nanos, unit: 1_000_000, suffix: "ms") }
    let hours = nanos / 3_600_000_000_000
    let minutes = nanos / 60_000_000_000 % 60
    let rest = nanos % 60_000_000_000
    var text = sign
    if hours > 0 { text += "\(hours)h" }
    if minutes > 0 { text += "\(minutes)m" }
    if rest > 0 { text += decimal(rest, unit: 1_000_000_000, suffix: "s") }
    return text
}
