import Foundation

/// The one line at the bottom of stderr that is redrawn in place (the progress line). Anything else written
/// to stderr while it shows — a log line, the Ctrl-C notice — goes through ``printAbove(_:)``, which blanks the
/// line, writes the text on a line of its own and draws the status again below it, so the two never glue.
final class StatusLine: @unchecked Sendable {
    static let shared = StatusLine()

    private let lock = NSLock()
    private var text: String?
    /// Returns to the start of the line and blanks it: ANSI erase-line, or spaces on a terminal without escape
    /// sequences (`TERM=dumb`).
    private var erase = "\r\u{1B}[K"

    /// Whether stderr is a terminal that can take a redrawn line; on a dumb one the line is blanked with spaces.
    func configure(dumbTerminal: Bool) {
        lock.withLock { erase = dumbTerminal ? "\r" + String(repeating: " ", count: 79) + "\r" : "\r\u{1B}[K" }
    }

    /// Shows `text` as the status line, replacing what it showed.
    func show(_ text: String) {
        lock.withLock {
            self.text = text
            write(erase + text)
        }
    }

    /// Blanks the status line for good (the run is over).
    func clear() {
        lock.withLock {
            guard text != nil else { return }
            text = nil
            write(erase)
        }
    }

    /// Writes whole lines to stderr above the status line.
    func printAbove(_ lines: String) {
        lock.withLock {
            let ending = lines.hasSuffix("\n") ? "" : "\n"
            write((text == nil ? "" : erase) + lines + ending + (text ?? ""))
        }
    }

    private func write(_ string: String) { FileHandle.standardError.writeIfPossible(string) }
}
