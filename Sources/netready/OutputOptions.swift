import ArgumentParser
import Foundation
import NetReady

/// Flags that shape the report: format, file, redaction, verbosity.
struct OutputOptions: ParsableArguments {
    @Option(help: "table, json, ndjson, junit, html, prometheus (default: table on a terminal, json otherwise).")
    var format: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the report to FILE (atomically).")
    var outputFile: String?

    @Flag(help: "Mask host name, addresses and proxy settings in the report.")
    var redact = false

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
    }

    /// Table on a terminal, JSON otherwise (including when writing to a file).
    var resolvedFormat: OutputFormat {
        if let format, let parsed = OutputFormat(rawValue: format) { return parsed }
        return outputFile == nil && isatty(STDOUT_FILENO) == 1 ? .table : .json
    }

    /// Colour only for a terminal that can show it: never with NO_COLOR set or TERM=dumb.
    var useColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return outputFile == nil && isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil
            && environment["TERM"] != "dumb"
    }
}
