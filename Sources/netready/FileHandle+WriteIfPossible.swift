import Foundation

extension FileHandle {
    /// Writes `text`, dropping it when the reader has gone (EPIPE) or the disk is full. `write(_:)` traps on any
    /// error: with SIGPIPE ignored, `netready check | head -1` crashed instead of finishing its run.
    func writeIfPossible(_ text: String) {
        try? write(contentsOf: Data(text.utf8))
    }
}
