import Foundation
import NetReadyTestSupport

/// A `netready serve` child on a port the kernel picks (`--listen 127.0.0.1:0`), scraped with curl.
final class ServeAgent: Sendable {
    let process: ChildProcess
    /// `127.0.0.1:PORT`, as the agent printed it.
    let address: String
    let started: ContinuousClock.Instant
    private let log: URL

    /// Starts `netready serve ARGS --listen 127.0.0.1:0` and waits (up to 30 s) for its address.
    init(_ arguments: [String], environment: [String: String] = [:]) async throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("nr-serve-\(UUID().uuidString).log")
        try Data().write(to: log)
        process = ChildProcess(NetReadyBinary.path, ["serve"] + arguments + ["--listen", "127.0.0.1:0"])
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        started = .now
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        var found: String?
        while found == nil, ContinuousClock.now < deadline, process.isRunning {
            found = Self.boundAddress(in: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
            if found == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let found else {
            process.terminate()
            throw AgentError(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        address = found
    }

    struct AgentError: Error, CustomStringConvertible {
        var log: String
        var description: String { "the agent printed no address; its output: \(log)" }
    }

    /// What the agent printed so far (stdout and stderr).
    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    static func boundAddress(in text: String) -> String? {
        guard let range = text.range(of: #"listening on (\S+) \(/metrics\)"#, options: .regularExpression) else {
            return nil
        }
        return String(text[range].split(separator: " ")[2])
    }

    /// `GET /metrics`.
    func scrape() async throws -> String {
        let url = "http://\(address)/metrics"
        return try await onOwnThread {
            try ChildProcess("/usr/bin/curl", ["-s", "--max-time", "10", url]).runCapturing(timeoutSeconds: 20).stdout
        }
    }

    /// The value of an unlabelled series in an exposition, e.g. `netready_agent_runs_total`.
    static func value(_ name: String, in exposition: String) -> Double? {
        exposition.split(separator: "\n").lazy.compactMap { line -> Double? in
            let parts = line.split(separator: " ")
            return parts.count == 2 && parts[0] == name ? Double(parts[1]) : nil
        }.first
    }

    /// Sends SIGTERM and waits up to `seconds` for the exit; the exit status, or nil if it did not exit.
    func terminate(within seconds: Int = 30) async throws -> Int32? {
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
        let process = process
        Thread { process.waitUntilExit() }.start()
        try? FileManager.default.removeItem(at: log)
    }
}
