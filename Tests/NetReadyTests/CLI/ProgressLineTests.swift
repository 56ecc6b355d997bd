import Foundation
import NetReadyTestSupport
import Testing

/// The progress line on a terminal: it counts attempts (a port range moves before it finishes), and log
/// lines never run into it.
@Suite(.timeLimit(.minutes(2))) struct ProgressLineTests {
    @Test func attemptsAreCountedAndLogLinesStandOnTheirOwn() async throws {
        let listener = try LoopbackListener()
        let first = try LoopbackListener.closedPort()
        // A range of refused loopback ports, paced so the run lasts a few progress redraws.
        let command =
            "\(NetReadyBinary.path) check tcp://127.0.0.1:\(listener.port) tcp://127.0.0.1:\(first)-\(first + 1499)"
            + " --samples 1 --rate 1500 --no-trace-blocked --verbose -o /dev/null"
        let screen = try await onOwnThread {
            // script(1) gives the command a pseudo-terminal, as an interactive shell would.
            try ChildProcess("/usr/bin/script", ["-qec", command, "/dev/null"]).runCapturing(timeoutSeconds: 60)
        }.stdout
        // The range moves on the line before it finishes: some attempts done, the range's probe not yet.
        let draws = screen.matches(of: /probing: (\d)\/2 probes, (\d+) of ~1501 attempts/).map {
            (probes: Int($0.1) ?? 0, attempts: Int($0.2) ?? 0)
        }
        #expect(draws.contains { $0.probes < 2 && $0.attempts > 0 && $0.attempts < 1501 }, "\(screen)")
        // Each log line starts a line of its own (after the progress line is blanked): nothing of it before.
        let lines = screen.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
        let logged = lines.filter { $0.contains("probe finished") }
        #expect(logged.count == 2, "\(screen)")
        for line in logged {
            let shown = line.components(separatedBy: "\r\u{1B}[K").last ?? ""
            #expect(!shown.contains("probing:") && shown.first?.isNumber == true, "\(line)")
        }
    }
}
