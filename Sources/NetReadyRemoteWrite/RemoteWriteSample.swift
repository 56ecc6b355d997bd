/// One series' value at one run's end, as pushed: its labels (the metric name as `__name__`)
/// and the value. The run's timestamp is the batch's.
package struct RemoteWriteSample: Sendable, Equatable {
    package var labels: [(name: String, value: String)]
    package var value: Double

    package init(name: String, labels: [(String, String)], value: Double) {
        self.labels = [("__name__", name)] + labels.map { (name: $0.0, value: $0.1) }
        self.value = value
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.value.bitPattern == rhs.value.bitPattern && lhs.labels.elementsEqual(rhs.labels) { $0 == $1 }
    }
}
