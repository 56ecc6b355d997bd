import Foundation
import NetReadyTestSupport

/// Runs the built `netready` executable, as a user would, and captures what it prints.
enum NetReadyBinary {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `NETREADY_BIN`, else the debug build in `.build/`.
    static var path: String {
        if let override = ProcessInfo.processInfo.environment["NETREADY_BIN"] { return override }
        return packageRoot.appendingPathComponent(".build/debug/netready").path
    }

    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String

        /// stdout parsed as a JSON object.
        func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// Runs `netready ARGS...` and waits for it.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], prefix: [String] = [], timeoutSeconds: Int = 60
    ) async throws -> Output {
        try await onOwnThread {
            try runBlocking(arguments, environment: environment, prefix: prefix, timeoutSeconds: timeoutSeconds)
        }
    }

    private static func runBlocking(
        _ arguments: [String], environment: [String: String], prefix: [String], timeoutSeconds: Int
    ) throws -> Output {
        let process =
            prefix.isEmpty
            ? ChildProcess(path, arguments)
            : ChildProcess(prefix[0], Array(prefix.dropFirst()) + [path] + arguments)
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let (status, stdout, stderr) = try process.runCapturing(timeoutSeconds: timeoutSeconds)
        ReportSink.keep(stdout)
        return Output(status: status, stdout: stdout, stderr: stderr)
    }
}
