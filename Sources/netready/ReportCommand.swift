import ArgumentParser
import Foundation
import NetReady

/// `netready report FILE.json --format F`: re-renders a saved report, e.g. a ticket's JSON as a table.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Re-render a saved report (JSON, or NDJSON — even one cut short by a kill).")

    @Argument(help: "A report written by `netready check --format json` or `--format ndjson`; '-' reads stdin.")
    var file: String

    @OptionGroup var output: OutputOptions

    func validate() throws { try output.validate() }

    func run() async throws {
        let report = try SavedReportFile.load(file)
        try output.write(report) { try $0.format.renderer(color: $0.color).render(report) }
    }
}
