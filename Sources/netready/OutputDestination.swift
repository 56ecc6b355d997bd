import Foundation
import NetReady

/// One place a report goes, in one format: a file (written atomically; NDJSON streamed into it as probes
/// finish) or standard output.
struct OutputDestination: Equatable {
    /// The file's path, or nil for standard output (`-o -`, or no `-o` at all).
    var path: String?
    var format: OutputFormat
    /// ANSI colours: only for the table on a terminal that shows them.
    var color: Bool

    /// Writes a finished rendering here: a file atomically, standard output as it is.
    func write(_ text: String) throws {
        if let path {
            try AtomicFile.write(text, to: path)
        } else {
            FileHandle.standardOutput.writeIfPossible(text)
        }
    }

    /// Fails before any probe runs when the file cannot be written: its folder is missing or not writable, or it
    /// is a folder. Creates and removes a scratch file beside it, as the atomic write will.
    static func checkWritable(_ path: String) throws -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "-o \(path): is a directory"
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let scratch = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).check")
        guard FileManager.default.createFile(atPath: scratch.path, contents: nil) else {
            let why =
                FileManager.default.fileExists(atPath: folder.path)
                ? "the folder \(folder.path) is not writable" : "the folder \(folder.path) does not exist"
            return "-o \(path): cannot write there: \(why)"
        }
        try? FileManager.default.removeItem(at: scratch)
        return nil
    }
}
