/// Writes the Prometheus text exposition format (0.0.4): each family's HELP and TYPE once, then
/// its samples, label values escaped, no family written twice and no series twice within one.
/// Keeps the samples as values too, for the agent's remote-write pushes.
package struct ExpositionWriter {
    /// One label set, in the order given.
    package typealias Labels = [(String, String)]

    /// One sample as written: its series name (`_bucket`, `_sum`, `_count` included), labels and value.
    package typealias Sample = (name: String, labels: Labels, value: Double)

    package private(set) var text = ""
    package private(set) var samples: [Sample] = []
    private var written: Set<String> = []

    package init() {}

    /// Starts a family. Families must not interleave: write all of one before the next.
    package mutating func family(_ name: String, _ type: String, _ help: String) {
        precondition(written.insert(name).inserted, "metric family \(name) written twice")
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// One sample of the current family.
    package mutating func sample(_ name: String, _ labels: Labels = [], _ value: Double) {
        samples.append((name, labels, value))
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " \(Self.number(value))\n"
    }

    /// The samples of a histogram: `_bucket{le}`, `_sum`, `_count`.
    mutating func histogram(_ name: String, _ labels: Labels, _ histogram: LatencyHistogram) {
        for (bound, count) in histogram.cumulative {
            sample("\(name)_bucket", labels + [("le", bound)], Double(count))
        }
        sample("\(name)_sum", labels, histogram.sum)
        sample("\(name)_count", labels, Double(histogram.count))
    }

    /// A label value as the format wants it: backslash, quote and newline escaped.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Integers without a fraction, others in Swift's shortest round-tripping form.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
