import ArgumentParser
import Foundation
import NetReady

/// Flags that shape the report: format, files, redaction, verbosity.
struct OutputOptions: ParsableArguments {
    @Option(
        help: """
            table, json, ndjson, junit, html, prometheus, firewall (CSV of blocked required destinations for a \
            change request) (default: table on a terminal, json otherwise; for -o files, their extension's).
            """)
    var format: String?

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: """
            Write the report to FILE (atomically; repeatable). The format comes from the extension — .json \
            .ndjson .xml (JUnit) .html .prom .txt (table) .csv (firewall) — unless --format is given; '-' is standard output. \
            The table stays on the terminal.
            """)
    var outputFiles: [String] = []

    @Flag(
        help: """
            Replace every IP address and this host's name with stable pseudonyms (addr-1, host-1) in every \
            output and log line; drop usernames, HTTP bodies and proxy settings. Destination names stay.
            """)
    var redact = false

    /// The run's one redaction pass (shared by logs, streamed NDJSON and the report), or nil without --redact.
    var redaction: ReportRedaction? { redact ? Self.sharedRedaction : nil }
    private static let sharedRedaction = ReportRedaction()

    @Flag(help: "No progress line.")
    var quiet = false

    @Flag(help: "More detail on stderr.")
    var verbose = false

    func validate() throws {
        if let format {
            guard OutputFormat(rawValue: format) != nil else {
                let known = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown --format '\(format)'; use one of \(known)")
            }
        }
        if outputFiles.count { $0 == "-" } > 1 { throw ValidationError("-o - names standard output twice") }
        for path in outputFiles where path != "-" {
            if let problem = try OutputDestination.checkWritable(path) { throw ValidationError(problem) }
        }
    }

    /// Where the report goes. Each `-o` file in the format `--format` names, else its extension's (JSON for an
    /// unknown one); `-o -` is standard output. Without `-o`: standard output, as a table on a terminal and JSON
    /// otherwise. With `-o` files only and a terminal on standard output, the table is shown there too.
    var destinations: [OutputDestination] {
        let explicit = format.flatMap(OutputFormat.init(rawValue:))
        let terminal = isatty(STDOUT_FILENO) == 1
        var destinations = outputFiles.map { path in
            path == "-"
                ? OutputDestination(path: nil, format: explicit ?? (terminal ? .table : .json), color: false)
                : OutputDestination(path: path, format: explicit ?? OutputFormat(fileName: path) ?? .json, color: false)
        }
        if destinations.isEmpty {
            destinations = [OutputDestination(path: nil, format: explicit ?? (terminal ? .table : .json), color: false)]
        } else if terminal && !destinations.contains(where: { $0.path == nil }) {
            destinations.append(OutputDestination(path: nil, format: .table, color: false))
        }
        let colour = terminal && Self.terminalShowsColour
        return destinations.map { destination in
            var destination = destination
            destination.color = colour && destination.path == nil && destination.format == .table
            return destination
        }
    }

    /// Colour only for a terminal that can show it: never with NO_COLOR set or TERM=dumb.
    private static var terminalShowsColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// Renders the report once per destination and writes each.
    func write(_ report: Report, render: (OutputDestination) throws -> String) throws {
        for destination in destinations { try destination.write(try render(destination)) }
    }
}
