import Foundation
import SwiftProtobuf

/// One run's samples as the body of a remote-write request: a protobuf `WriteRequest`,
/// snappy-compressed, every sample stamped with the run's end.
package enum RemoteWriteBatch {
    /// The request body for `samples` at `timestampMs` (milliseconds since the epoch), with
    /// `extraLabels` (`--label site=NAME`) added to every series. Labels are sorted by name, as
    /// receivers require; an extra label replaces a series' own label of the same name.
    package static func body(
        _ samples: [RemoteWriteSample], timestampMs: Int64, extraLabels: [(String, String)]
    ) throws -> [UInt8] {
        var request = Prometheus_WriteRequest()
        request.timeseries = samples.map { sample in
            var labels: [String: String] = [:]
            for label in sample.labels { labels[label.name] = label.value }
            for (name, value) in extraLabels { labels[name] = value }
            var series = Prometheus_TimeSeries()
            series.labels = labels.sorted { $0.key < $1.key }.map { name, value in
                var label = Prometheus_Label()
                label.name = name
                label.value = value
                return label
            }
            var point = Prometheus_Sample()
            point.value = sample.value
            point.timestamp = timestampMs
            series.samples = [point]
            return series
        }
        let bytes: [UInt8] = try request.serializedBytes()
        return Snappy.compress(bytes)
    }

    /// The `WriteRequest` in a body (for tests and for logging what a receiver rejected).
    package static func decode(_ body: [UInt8]) throws -> Prometheus_WriteRequest {
        guard let bytes = Snappy.uncompress(body) else { throw BinaryDecodingError.malformedProtobuf }
        return try Prometheus_WriteRequest(serializedBytes: bytes)
    }
}
