/// `--format junit`: one test suite per target, one test case per probe, for CI dashboards.
/// A failed probe is a `<failure>`, one netready could not run an `<error>`, a skipped one `<skipped>`;
/// a warning passes; the elements and attributes are those of the junit-4 schema CI servers validate against
/// (`schema/junit-4.xsd`). A test case's time is how long its probe ran, from its first attempt to the end of its last.
struct JUnitRenderer: ReportRenderer {
    init() {}

    func render(_ report: Report) throws -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        // The totals are the sums of the suites below, as JUnit readers check, counted from the results.
        let probes = report.targets.flatMap(\.probes)
        xml +=
            #"<testsuites name="netready" tests="\#(probes.count)" failures="\#(probes.count { $0.status == .fail })" "#
            + #"errors="\#(probes.count { $0.status == .error })" time="\#(Self.decimal(report.durationMs / 1000))">"#
            + "\n"
        let timeoutSeconds = report.options.timeoutMs / 1000
        for target in report.targets {
            let failures = target.probes.count { $0.status == .fail }
            let errors = target.probes.count { $0.status == .error }
            let skipped = target.probes.count { $0.status == .skip }
            let time = Self.decimal(
                target.probes.map { Self.seconds(of: $0, timeoutSeconds: timeoutSeconds) }.reduce(0, +))
            xml +=
                #"  <testsuite name="\#(escape(target.name))" tests="\#(target.probes.count)" "#
                + #"failures="\#(failures)" errors="\#(errors)" skipped="\#(skipped)" time="\#(time)">"# + "\n"
            for probe in target.probes {
                let time = Self.decimal(Self.seconds(of: probe, timeoutSeconds: timeoutSeconds))
                xml +=
                    #"    <testcase classname="\#(escape(target.name))" name="\#(escape(probe.uri))" time="\#(time)">"#
                switch probe.status {
                case .fail:
                    let type = probe.reason?.rawValue ?? probe.status.rawValue
                    xml += #"<failure type="\#(escape(type))" message="\#(escape(probe.message))"/>"#
                case .error:
                    let type = probe.reason?.rawValue ?? probe.status.rawValue
                    xml += #"<error type="\#(escape(type))" message="\#(escape(probe.message))"/>"#
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

    /// From the start of the first attempt to the end of the last (an unanswered attempt lasts the timeout),
    /// in seconds; 0 for a probe that never ran.
    static func seconds(of probe: ProbeResult, timeoutSeconds: Double) -> Double {
        guard let first = probe.attempts.map(\.at).min(),
            let last = probe.attempts.max(by: { $0.at < $1.at })
        else { return 0 }
        return last.at.timeIntervalSince(first) + (last.ms.map { $0 / 1000 } ?? timeoutSeconds)
    }

    /// Seconds as an XML Schema decimal with millisecond precision (`0.004`, never `4e-03`).
    static func decimal(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
