import Foundation
import NetReady

extension FuzzTarget {
    /// A saved JSON report as `report` and `diff` read it: decode, render in every format, diff
    /// against itself (which must find no change).
    static let report = FuzzTarget(name: "report") { bytes in
        guard let report = try? JSONRenderer.decoder().decode(Report.self, from: Data(bytes)) else { return }
        for format in OutputFormat.allCases { _ = try? format.renderer(color: true).render(report) }
        let diff = ReportDiff(old: report, new: report)
        fuzzInvariant(diff.changes.isEmpty, "a report differs from itself: \(diff.changes)")
    }
}
