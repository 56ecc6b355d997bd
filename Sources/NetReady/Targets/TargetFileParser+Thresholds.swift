import NetReadyPosix
import Yams

extension TargetFileParser {
    static let thresholdsKeys = ["max_loss", "max_jitter", "max_rtt", "min_bandwidth", "egress_stable", "source"]

    /// Reads a `thresholds:` block: `max_loss: 1%`, `max_jitter: 30ms`, `max_rtt: 200ms`,
    /// `min_bandwidth: 100kbps`, `egress_stable: true`, `source: "..."`.
    func thresholds(_ node: Node) throws(TargetFileError) -> ThresholdsBlock {
        let fields = try reader.fields(node, in: "thresholds", known: Self.thresholdsKeys)
        var block = ThresholdsBlock()
        if let node = fields["max_loss"] {
            let text = try reader.string(node, for: "max_loss").trimmingCharacters(in: .whitespaces)
            let number = text.hasSuffix("%") ? String(text.dropLast()) : text
            guard let value = Double(number), value >= 0, value < 100 else {
                throw reader.error(node, "bad max_loss '\(text)'", fix: "write a percentage, e.g. max_loss: 1%")
            }
            block.maxLossPercent = value
        }
        if let node = fields["max_jitter"] {
            block.maxJitterMilliseconds = try reader.duration(node, for: "max_jitter").milliseconds
        }
        if let node = fields["max_rtt"] {
            block.maxRoundTripMilliseconds = try reader.duration(node, for: "max_rtt").milliseconds
        }
        if let node = fields["min_bandwidth"] {
            let text = try reader.string(node, for: "min_bandwidth")
            guard let value = ThresholdsBlock.bandwidth(text) else {
                throw reader.error(
                    node, "bad min_bandwidth '\(text)': a bandwidth needs its unit",
                    fix: "write e.g. min_bandwidth: 100kbps (bps, kbps, Mbps, Gbps)")
            }
            block.minBandwidthBitsPerSecond = value
        }
        if let node = fields["egress_stable"] { block.egressStable = try reader.bool(node, for: "egress_stable") }
        if let node = fields["source"] { block.source = try reader.string(node, for: "source") }
        if block.isEmpty {
            throw reader.error(
                node, "'thresholds' states no limit",
                fix: "add max_loss, max_jitter, max_rtt, min_bandwidth or egress_stable")
        }
        return block
    }
}
