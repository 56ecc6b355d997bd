import Foundation
import NetReadyTestSupport
import Testing

/// The terminal table as a person reads it: column titles, counts in words, one mention of each
/// blocked URI, and colour only where the terminal can show it.
@Suite(.timeLimit(.minutes(2))) struct TableOutputTests {
    @Test func theTableHasColumnTitlesSingularCountsAndNamesABlockedURIOnce() async throws {
        let port = try LoopbackListener.closedPort()
        let uri = "tcp://127.0.0.1:\(port)"
        let output = try await NetReadyBinary.run(
            ["check", uri, "--format", "table", "--samples", "1", "--no-trace-blocked"])
        #expect(output.status == 1, "stderr: \(output.stderr)")
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first)
        #expect(header.contains("p50      p90      p99 ms  result"), "\(header)")
        // The percentiles sit under their titles: the probe line's "ms" is where the header's is.
        let probeLine = try #require(lines.first { $0.contains("✗ \(uri)") })
        #expect(probeLine.range(of: " ms ")?.lowerBound.utf16Offset(in: probeLine)
            == header.range(of: " ms ")?.lowerBound.utf16Offset(in: header), "\(header)\n\(probeLine)")
        #expect(output.stdout.contains("— 1 probe in 1 target,"), "\(output.stdout)")
        #expect(lines.contains("  blocked: \(uri) — connection refused (TCP reset)"), "\(output.stdout)")
    }

    @Test func colourOnATerminalButNotForTERMDumbOrNOCOLOR() async throws {
        let port = try LoopbackListener.closedPort()
        let command = "\(NetReadyBinary.path) check tcp://127.0.0.1:\(port) --samples 1 --no-trace-blocked"
        func onATerminal(_ environment: [String: String]) async throws -> String {
            try await onOwnThread {
                // script(1) gives the command a pseudo-terminal, as an interactive shell would.
                let process = ChildProcess("/usr/bin/script", ["-qec", command, "/dev/null"])
                // The test runner's own NO_COLOR/TERM must not leak into the cases.
                var base = ProcessInfo.processInfo.environment
                base["NO_COLOR"] = nil
                process.environment = base.merging(environment) { _, new in new }
                return try process.runCapturing(timeoutSeconds: 60).stdout
            }
        }
        let escape = "\u{1B}["
        func hasColour(_ text: String) -> Bool { text.contains("\u{1B}[31m") || text.contains("\u{1B}[0m") }
        let xterm = try await onATerminal(["TERM": "xterm"])
        #expect(xterm.contains("NOT READY"), "\(xterm)")
        #expect(hasColour(xterm))
        // A dumb terminal gets no escape sequence at all, not even the progress line's erase-line.
        let dumb = try await onATerminal(["TERM": "dumb"])
        #expect(dumb.contains("NOT READY"), "\(dumb)")
        #expect(!dumb.contains(escape))
        let noColor = try await onATerminal(["TERM": "xterm", "NO_COLOR": "1"])
        #expect(noColor.contains("NOT READY"))
        #expect(!hasColour(noColor))
    }
}
