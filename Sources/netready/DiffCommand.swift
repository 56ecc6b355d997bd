import ArgumentParser
import Foundation
import NetReady

/// `netready diff OLD.json NEW.json`: which probes changed between two saved reports.
/// Exits 0 when nothing changed and 1 when something did, like diff(1); 2 for unreadable input.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show what changed between two JSON reports (exit 1 when something did).")

    @Argument(help: "The earlier report.")
    var old: String

    @Argument(help: "The later report.")
    var new: String

    @Option(help: "text or json.")
    var format: String = "text"

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json") }
    }

    func run() async throws {
        let diff = ReportDiff(old: try SavedReportFile.load(old), new: try SavedReportFile.load(new))
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(diff), as: UTF8.self))
        } else {
            print(diff.text, terminator: "")
        }
        if !diff.changes.isEmpty || diff.verdictBefore != diff.verdictAfter { throw ExitCode(1) }
    }
}
