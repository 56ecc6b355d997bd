import Foundation

/// What the HTML template shows, computed from a report: the verdict, the blocked required destinations,
/// probes counted by reason, the charts, one row per probe, and the egress section.
///
/// Every property is stored (the template library reads them by reflection) and every string is plain
/// text: the template escapes it, so nothing here may hold markup.
struct HTMLReportModel {
    /// A blocked required destination.
    struct Blocked {
        let uri: String
        let target: String
        let reason: ReasonText?
        let message: String
    }

    /// A reason code with its words.
    struct ReasonText {
        let code: String
        let words: String
    }

    /// How many probes ended with one reason, and with which statuses.
    struct ReasonCount {
        let code: String
        let words: String
        let count: Int
        let statuses: String
        let fragment: String
    }

    /// One row of the probe table; `key`s are what the columns sort by.
    struct ProbeRow {
        let target: String
        let optional: Bool
        let uri: String
        let address: String?
        let status: String
        let statusKey: Int
        let mark: String
        let reason: ReasonText?
        let reasonKey: String
        let latency: [Figure]
        let message: String
        let details: DetailsJSON?
    }

    /// A number in a table cell, with its sort key (empty when not measured: sorted last).
    struct Figure {
        let text: String
        let key: String
    }

    /// A report fragment shown as JSON inside `<details>`.
    struct DetailsJSON {
        let summary: String
        let json: String
    }

    /// An option of a filter control.
    struct Option {
        let value: String
        let label: String
    }

    /// One egress address.
    struct EgressRow {
        let ip: String
        let family: String
        let count: Int
        let via: String
        let transports: String
    }

    /// The egress section.
    struct Egress {
        let rows: [EgressRow]
        let hasRows: Bool
        let resolverRows: [EgressRow]
        let stability: String?
        let rotating: Bool
        let nat: String?
        let notes: [String]
        let json: DetailsJSON
    }

    /// One requirement row as the page shows it (Mustache reads stored properties only).
    struct Requirement {
        let status: String
        let mark: String
        let name: String
        let measured: String?
        let why: String?
        let source: String?

        init(_ row: RequirementRow) {
            status = row.status.rawValue
            mark = row.mark
            name = row.name
            measured = row.measured
            why = row.why
            source = row.source
        }
    }

    let title: String
    let verdictClass: String
    let verdictWords: String
    let counts: String
    let meta: String
    let incomplete: Bool
    /// The requirement rows, shown first: a mark, the row's name, what was measured or why not, the source.
    let hasRequirements: Bool
    let requirements: [Requirement]
    /// Causes shared by many failed probes, each said once (their probes leave the blocked list).
    let rootCauses: [String]
    let hasBlocked: Bool
    let blocked: [Blocked]
    let hasReasons: Bool
    let reasons: [ReasonCount]
    let latency: HTMLCharts.Latency?
    let media: HTMLCharts.Media?
    let probes: [ProbeRow]
    let statusOptions: [Option]
    let reasonOptions: [Option]
    let targetOptions: [Option]
    let egress: Egress
    let run: DetailsJSON
}
