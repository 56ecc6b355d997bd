import Foundation
import NetReadyTestSupport

/// `netready responder ARGS` running until `stop()`, optionally inside a lab namespace, its stderr in a file the
/// test reads as it grows: the start line tells the ports it bound, `--verbose` lines what it saw.
final class ResponderProcess: @unchecked Sendable {
    let process: ChildProcess
    let log: URL

    init(_ arguments: [String], namespace: String? = nil) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("netready-responder-\(UUID()).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let prefix = namespace.map { ["netns", "exec", $0, NetReadyBinary.path] } ?? []
        process =
            namespace == nil
            ? ChildProcess(NetReadyBinary.path, ["responder"] + arguments)
            : ChildProcess("/usr/sbin/ip", prefix + ["responder"] + arguments)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    /// What it wrote to stderr so far.
    var stderr: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits (polling the log, up to `seconds`) until stderr contains `text`; the whole stderr then.
    @discardableResult
    func waitFor(_ text: String, seconds: Int = 60) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let written = stderr
            if written.contains(text) { return written }
            if !process.isRunning { throw LabError("responder exited: \(written)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LabError("responder did not log '\(text)' within \(seconds) s: \(stderr)")
    }

    /// The port the start line names for `ip` (`listening=udp:127.0.0.1:PORT ...`).
    func port(of ip: String) async throws -> UInt16 {
        let line = try await waitFor("responder listening")
        guard let match = line.firstMatch(of: /udp:([0-9.]+):(\d+)/), String(match.1) == ip,
            let port = UInt16(match.2)
        else { throw LabError("no udp:\(ip):PORT in the start line: \(line)") }
        return port
    }

    func stop() async throws {
        process.terminate()
        let process = process
        try await onOwnThread { process.waitUntilExit() }
        try? FileManager.default.removeItem(at: log)
    }
}
