/// What changed between two reports of the same targets: `netready diff OLD.json NEW.json`,
/// e.g. before and after a firewall change, or between two sites.
package struct ReportDiff: Sendable, Codable {
    /// One probe whose outcome differs, or that is only in one of the reports.
    package struct Change: Sendable, Codable, Equatable {
        package var target: String
        package var uri: String
        /// `status` or `status (reason)` in the old report; nil when the probe is new.
        package var before: String?
        /// The same in the new report; nil when the probe was removed.
        package var after: String?
    }

    package var verdictBefore: Verdict
    package var verdictAfter: Verdict
    package var changes: [Change]

    enum CodingKeys: String, CodingKey {
        case verdictBefore = "verdict_before"
        case verdictAfter = "verdict_after"
        case changes
    }

    /// Compares probes by target name and URI; a probe counts as changed when its status or reason differs.
    package init(old: Report, new: Report) {
        func outcomes(_ report: Report) -> [String: (target: String, uri: String, outcome: String)] {
            var byKey: [String: (String, String, String)] = [:]
            for target in report.targets {
                for probe in target.probes {
                    let outcome =
                        probe.reason.map { "\(probe.status.rawValue) (\($0.rawValue))" } ?? probe.status.rawValue
                    byKey[target.name + "\u{0}" + probe.uri] = (target.name, probe.uri, outcome)
                }
            }
            return byKey
        }
        let before = outcomes(old)
        let after = outcomes(new)
        var changes: [Change] = []
        for key in Set(before.keys).union(after.keys) {
            let was = before[key]
            let now = after[key]
            guard was?.outcome != now?.outcome else { continue }
            let identity = (now ?? was)!
            changes.append(
                Change(target: identity.target, uri: identity.uri, before: was?.outcome, after: now?.outcome))
        }
        self.changes = changes.sorted { ($0.target, $0.uri) < ($1.target, $1.uri) }
        verdictBefore = old.summary.verdict
        verdictAfter = new.summary.verdict
    }

    /// The diff for a person: the verdicts, then one line per change.
    package var text: String {
        var lines = ["verdict: \(verdictBefore.rawValue) → \(verdictAfter.rawValue)"]
        if changes.isEmpty { lines.append("no probe changed") }
        for change in changes {
            lines.append(
                "\(change.target): \(change.uri): \(change.before ?? "(absent)") → \(change.after ?? "(absent)")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
