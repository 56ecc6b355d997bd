import Foundation

/// A `thresholds:` block of a target file (file level or per target): the limits a calling product states, and
/// where the numbers come from. Each stated limit becomes a row of the report's `requirements[]`.
package struct ThresholdsBlock: Sendable, Equatable {
    /// `max_loss`, in percent.
    package var maxLossPercent: Double?
    /// `max_jitter`, in milliseconds.
    package var maxJitterMilliseconds: Double?
    /// `max_rtt`, in milliseconds.
    package var maxRoundTripMilliseconds: Double?
    /// `min_bandwidth`, in bits per second.
    package var minBandwidthBitsPerSecond: Double?
    /// `egress_stable: true`: every connection leaves from one address (a CRM that locks sessions to the IP).
    package var egressStable = false
    /// `source`: where the numbers come from (a vendor's page).
    package var source: String?

    package init() {}

    /// True when the block states no limit at all.
    package var isEmpty: Bool {
        maxLossPercent == nil && maxJitterMilliseconds == nil && maxRoundTripMilliseconds == nil
            && minBandwidthBitsPerSecond == nil && !egressStable
    }

    /// Parses `100kbps`, `1.5Mbps`, `64000bps`: a bandwidth with its unit (bits per second).
    package static func bandwidth(_ text: String) -> Double? {
        let units: [(String, Double)] = [("gbps", 1e9), ("mbps", 1e6), ("kbps", 1e3), ("bps", 1)]
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        for (unit, factor) in units where lower.hasSuffix(unit) {
            guard let value = Double(lower.dropLast(unit.count)), value > 0, value.isFinite else { return nil }
            return value * factor
        }
        return nil
    }

    /// `100 kbps`, `1.5 Mbps`: a bandwidth for people.
    package static func describe(bitsPerSecond value: Double) -> String {
        if value >= 1e6 { return "\(trim(value / 1e6)) Mbps" }
        if value >= 1e3 { return "\(trim(value / 1e3)) kbps" }
        return "\(trim(value)) bps"
    }

    /// A number without a trailing `.0`.
    package static func trim(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
