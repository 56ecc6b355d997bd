import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT or SIGTERM at a random moment of a run (issue 20), 50 runs: whatever the moment, what netready leaves
/// is valid (decoded by netready's own report decoders) and holds every finished result. Probes finish from the
/// first milliseconds (refused ports) to 2 s in (HTTP servers that never answer), so the signals land before
/// the run, between results, and after the last one.
@Suite(.timeLimit(.minutes(15))) struct SignalAtRandomMomentsTests {
    static let runs = 50
    /// Runs at once: enough to keep the test short, few enough not to turn a loaded machine's delays into its result.
    static let parallel = 4

    /// What one run left behind, judged.
    struct Leftover: Sendable {
        var signal: Int32
        var delayMs: Int
        var problems: [String]
    }

    @Test func everySignalLeavesAValidReportWithEveryFinishedResult() async throws {
        let peers = try SignalRunPeers()
        defer { peers.stop() }
        var leftovers: [Leftover] = []
        var next = 0
        while next < Self.runs {
            let batch = next..<min(Self.runs, next + Self.parallel)
            next = batch.upperBound
            leftovers += try await withThrowingTaskGroup(of: Leftover.self) { group in
                for run in batch {
                    // Half SIGINT, half SIGTERM; the moment uniformly over the run's natural length and a bit past it.
                    let signal = run % 2 == 0 ? SIGINT : SIGTERM
                    let delayMs = Int.random(in: 0...2_600)
                    group.addTask { try await Self.run(peers, signal: signal, afterMs: delayMs) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        for leftover in leftovers where !leftover.problems.isEmpty {
            Issue.record("signal \(leftover.signal) after \(leftover.delayMs) ms: \(leftover.problems)")
        }
        let moments = leftovers.map(\.delayMs).sorted()
        print("SignalAtRandomMomentsTests: \(leftovers.count) runs, signals at \(moments) ms")
    }

    /// One run: start `check`, signal it after `afterMs`, wait for it, then judge what it wrote.
    static func run(_ peers: SignalRunPeers, signal: Int32, afterMs: Int) async throws -> Leftover {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-sig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("r.json").path
        let ndjson = directory.appendingPathComponent("r.ndjson").path
        let process = ChildProcess(
            NetReadyBinary.path,
            ["check", peers.targetFile, "--no-trace-blocked", "--quiet", "-o", json, "-o", ndjson])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: .milliseconds(afterMs))  // the random moment is the point of the test
        kill(process.processIdentifier, signal)
        // A graceful stop takes at most the grace period; a minute is far beyond a loaded machine's delays.
        let ended = try await onOwnThread { () -> Bool in
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return false
            }
            return true
        }
        var leftover = Leftover(signal: signal, delayMs: afterMs, problems: [])
        guard ended else {
            leftover.problems.append("still running 120 s after the signal")
            return leftover
        }
        leftover.problems = try await judge(
            process, signal: signal, json: json, ndjson: ndjson, planned: peers.probeCount)
        return leftover
    }

    /// What must hold for a run that ended: by the signal itself only before netready could catch it (then no
    /// result had finished, and no file exists); otherwise exit 130/143 (or 0/1 when the run ended first), a JSON
    /// report and an NDJSON stream that netready decodes, agreeing on every finished result.
    static func judge(
        _ process: ChildProcess, signal: Int32, json: String, ndjson: String, planned: Int
    ) async throws -> [String] {
        let files = FileManager.default
        if process.wasEndedBySignal {
            // Killed by the default action: only possible before the handlers were installed, which comes
            // before the NDJSON stream is created.
            return files.fileExists(atPath: ndjson) ? ["killed by the signal after results were streamed"] : []
        }
        let status = process.terminationStatus
        guard [0, 1, 128 + signal].contains(status) else { return ["exit status \(status)"] }
        var problems: [String] = []
        guard let jsonData = files.contents(atPath: json) else { return ["no JSON report"] }
        let report: Report
        do {
            report = try JSONRenderer.decoder().decode(Report.self, from: jsonData)
        } catch {
            return ["the JSON report does not decode: \(error)"]
        }
        let probes = report.targets.flatMap { target in target.probes.map { (target.name, $0) } }
        if probes.count != planned { problems.append("\(probes.count) probes in the report, \(planned) planned") }
        if status != 128 + signal && report.incomplete { problems.append("exit \(status) but incomplete") }
        if status != 128 + signal && probes.contains(where: { $0.1.status == .skip }) {
            problems.append("exit \(status) with unfinished probes")
        }

        // The stream: one line per finished probe, then the summary; each finished result is in the report too.
        let lines = (try? String(contentsOfFile: ndjson, encoding: .utf8))?.split(separator: "\n") ?? []
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        if objects.count != lines.count { problems.append("\(lines.count - objects.count) NDJSON lines are not JSON") }
        if objects.last?["type"] as? String != "summary" { problems.append("the NDJSON stream has no summary line") }
        let streamed = objects.filter { $0["type"] as? String == "probe" }
        // Every finished result was streamed. A probe that ended itself as `skip` (the stop came before its first
        // attempt) is a result too and may be streamed, with `skip` in both; one the runner marked `skip` after the
        // grace period never reached the stream.
        let streamedTargets = Set(streamed.compactMap { $0["target"] as? String })
        let finished = probes.filter { $0.1.status != .skip }
        let unstreamed = finished.filter { !streamedTargets.contains($0.0) }.map(\.0)
        if !unstreamed.isEmpty { problems.append("finished in the report but not streamed: \(unstreamed)") }
        let inReport = Dictionary(probes.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        for line in streamed {
            let target = line["target"] as? String ?? ""
            guard let result = inReport[target] else {
                problems.append("streamed '\(target)' is not a probe of the report")
                continue
            }
            let reason = line["reason"] as? String
            if line["status"] as? String != result.status.rawValue || reason != result.reason?.rawValue {
                problems.append("'\(target)': streamed \(line["status"] ?? "-")/\(line["reason"] ?? "-"), "
                    + "report \(result.status.rawValue)/\(result.reason?.rawValue ?? "-")")
            }
        }
        // netready's own NDJSON decoder (`report`) reads the stream back as the same run.
        let reread = try await NetReadyBinary.run(["report", ndjson, "--format", "json"])
        if reread.status != 0 { problems.append("`report` rejects the NDJSON: \(reread.stderr)") }
        let rereadReport = try? reread.json()
        // The stream holds the finished results only: read back, they are all there, and the run is as complete
        // as the report says; its summary line counts every planned probe, like the report's.
        let rereadProbes = (rereadReport?["summary"] as? [String: Any])?["probes"] as? Int
        if rereadProbes != streamed.count {
            problems.append("NDJSON re-read: \(rereadProbes ?? -1) probes, \(streamed.count) lines")
        }
        if rereadReport?["incomplete"] as? Bool != report.incomplete { problems.append("NDJSON re-read: incomplete differs") }
        let summaryLine = (objects.last?["summary"] as? [String: Any])?["probes"] as? Int
        if summaryLine != report.summary.probes {
            problems.append("NDJSON summary line: \(summaryLine ?? -1) probes, report \(report.summary.probes)")
        }
        return problems
    }
}

/// The peers of the signal runs and their target file: one target per probe (so a result is found by its target's
/// name), finishing at different moments: refused ports and closed UDP ports at once, accepted connects and
/// HTTP 200s within milliseconds, HTTP servers that never answer after 1 s and 2 s.
final class SignalRunPeers: @unchecked Sendable {
    let targetFile: String
    let probeCount: Int
    private let directory: URL
    private let servers: [HostileTCPServer]

    init() throws {
        let accepting = try HostileTCPServer(.closeOnAccept)
        let http = try HostileTCPServer(.answer(Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)))
        let silent = try HostileTCPServer(.acceptAndHang)
        let closed = try LoopbackListener.closedPort()
        servers = [accepting, http, silent]
        var probes: [String] = []
        for _ in 0..<16 { probes.append("{ uri: \"tcp://127.0.0.1:\(accepting.port)\", samples: 3 }") }
        for _ in 0..<8 { probes.append("tcp://127.0.0.1:\(closed)") }
        for _ in 0..<8 { probes.append("udp://127.0.0.1:\(closed)") }
        for _ in 0..<6 { probes.append("http://127.0.0.1:\(http.port)/") }
        for index in 0..<8 {
            probes.append("{ uri: \"http://127.0.0.1:\(silent.port)/\", timeout: \(index % 2 == 0 ? "1s" : "2s") }")
        }
        var yaml = "name: signals\ndefaults: { samples: 1, timeout: 5s }\ntargets:\n"
        for (index, probe) in probes.enumerated() { yaml += "  - name: p\(index)\n    probes: [\(probe)]\n" }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-sigpeers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        targetFile = directory.appendingPathComponent("signals.yaml").path
        try yaml.write(toFile: targetFile, atomically: true, encoding: .utf8)
        probeCount = probes.count
    }

    func stop() {
        servers.forEach { $0.stop() }
        try? FileManager.default.removeItem(at: directory)
    }
}
