import Logging

/// Diagnostics on stderr through swift-log: notices by default, every probe with `--verbose`.
enum Diagnostics {
    static func bootstrap(verbose: Bool) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .notice
            return handler
        }
    }
}
