import Foundation
import Logging
import NetReady

/// Diagnostics on stderr through swift-log: notices by default, every probe with `--verbose`. Lines are
/// written above the progress line (``StatusLine``), never glued to it.
enum Diagnostics {
    /// - Parameter redaction: with `--redact`, log lines get the same pseudonyms as the report.
    static func bootstrap(verbose: Bool, redaction: ReportRedaction? = nil) {
        LoggingSystem.bootstrap { label in
            var handler = StatusAwareLogHandler(label: label, pseudonyms: redaction?.pseudonyms)
            handler.logLevel = verbose ? .debug : .notice
            return handler
        }
    }
}

/// swift-log's stderr format (`TIME LEVEL label : key=value message`), written through ``StatusLine``.
struct StatusAwareLogHandler: LogHandler {
    let label: String
    let pseudonyms: Pseudonyms?
    var logLevel: Logger.Level = .notice
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
        let line = "\(time) \(event.level) \(label) :\(fields.isEmpty ? "" : " " + fields) \(event.message)"
        StatusLine.shared.printAbove(pseudonyms?.redact(line) ?? line)
    }
}
