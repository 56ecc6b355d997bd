/// One row of the report's `requirements[]`: a limit a `thresholds:` block states, what was measured against
/// it, by which probes, and whether it holds (`not_measured` never changes the verdict).
package struct RequirementRow: Codable, Sendable, Equatable {
    /// How a row came out.
    package enum Status: String, Codable, Sendable {
        case pass
        case fail
        case notMeasured = "not_measured"
    }

    /// "Browser calling (WebRTC): RTT < 200 ms".
    package var name: String
    /// "< 200 ms".
    package var limit: String
    /// "p50 23.1 ms (stun:stun.l.google.com:19302?duration=5s)", or nil when not measured.
    package var measured: String?
    package var status: Status
    /// Why a row is not measured, or what failed.
    package var why: String?
    /// The probes whose results the row was judged on.
    package var probes: [String]
    /// Where the number comes from (the block's `source:`, or "command line (--max-rtt)").
    package var source: String?
    /// True when a covered target is required: a failed row then makes the run not ready (not encoded).
    package var coversRequired = false

    enum CodingKeys: String, CodingKey {
        case name, limit, measured, status, why, probes, source
    }

    package init(
        name: String, limit: String, measured: String?, status: Status, why: String?, probes: [String],
        source: String?, coversRequired: Bool
    ) {
        self.name = name
        self.limit = limit
        self.measured = measured
        self.status = status
        self.why = why
        self.probes = probes
        self.source = source
        self.coversRequired = coversRequired
    }

    /// "✓ RTT < 200 ms: p50 23 ms" for the table and HTML.
    package var mark: String {
        switch status {
        case .pass: "✓"
        case .fail: "✗"
        case .notMeasured: "–"
        }
    }
}
