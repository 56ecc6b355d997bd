/// `--format junit`: one test suite per target, one test case per probe, for CI dashboards.
/// A failed or errored probe is a `<failure>`; a skipped one is `<skipped>`; a warning passes.
struct JUnitRenderer: ReportRenderer {
    init() {}

    func render(_ report: Report) throws -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        let summary = report.summary
        xml +=
            #"<testsuites name="netready" tests="\#(summary.probes)" failures="\#(summary.failed + summary.errors)" "#
            + #"skipped="\#(summary.skipped)" time="\#(report.durationMs / 1000)">"# + "\n"
        for target in report.targets {
            let failures = target.probes.count { $0.status == .fail || $0.status == .error }
            let skipped = target.probes.count { $0.status == .skip }
            xml +=
                #"  <testsuite name="\#(escape(target.name))" tests="\#(target.probes.count)" "#
                + #"failures="\#(failures)" skipped="\#(skipped)">"# + "\n"
            for probe in target.probes {
                let time = (probe.latencyMs?.p50 ?? 0) / 1000
                xml +=
                    #"    <testcase classname="\#(escape(target.name))" name="\#(escape(probe.uri))" time="\#(time)">"#
                switch probe.status {
                case .fail, .error:
                    let type = probe.reason?.rawValue ?? probe.status.rawValue
                    xml += #"<failure type="\#(escape(type))" message="\#(escape(probe.message))"/>"#
                case .skip:
                    xml += #"<skipped message="\#(escape(probe.message))"/>"#
                case .pass, .warn:
                    xml += "<system-out>\(escape(probe.message))</system-out>"
                }
                xml += "</testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private func escape(_ text: String) -> String { MarkupEscaping.escape(text) }
}
