import ArgumentParser
import Foundation
import NetReady

/// `netready report FILE.json --format F`: re-renders a saved report, e.g. a ticket's JSON as a table.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Re-render a saved JSON report.")

    @Argument(help: "A report written by `netready check --format json`.")
    var file: String

    @OptionGroup var output: OutputOptions

    func validate() throws { try output.validate() }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure.usage("netready: cannot read \(file)")
        }
        let report: Report
        do {
            report = try JSONRenderer.decoder().decode(Report.self, from: data)
        } catch {
            throw CommandFailure.usage("netready: \(file) is not a netready report: \(error)")
        }
        try output.write(report) { try $0.format.renderer(color: $0.color).render(report) }
    }
}
