import Foundation
import NetReady

/// A saved report named on the command line: a file, or `-` for standard input.
enum SavedReportFile {
    /// - Throws: a usage error (exit 2) naming the file and what is wrong with it.
    static func load(_ path: String) throws -> Report {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandFailure.usage("netready: cannot read \(path)")
            }
            data = contents
        }
        do {
            return try SavedReport.decode(data, name: path == "-" ? "standard input" : path)
        } catch {
            throw CommandFailure.usage("netready: \(error.description)")
        }
    }
}
