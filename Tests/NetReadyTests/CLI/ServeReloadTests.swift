import Foundation
import NetReadyTestSupport
import Testing

/// `netready serve` as a daemon: SIGHUP reloads the target files (a bad one keeps the old set and
/// says why), SIGTERM in the middle of a long run ends the agent within the runner's grace period
/// with status 0, and an interval under a second is a usage error.
@Suite(.timeLimit(.minutes(3))) struct ServeReloadTests {
    /// Scrapes until `condition` holds for the exposition (up to 60 s); the last scrape.
    static func scrape(_ agent: ServeAgent, until condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(60)
        var text = ""
        while ContinuousClock.now < deadline {
            text = try await agent.scrape()
            if condition(text) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return text
    }

    static func target(_ name: String, port: UInt16) -> String {
        "targets:\n  - name: \(name)\n    probes: [\"tcp://127.0.0.1:\(port)\"]\n"
    }

    @Test func sighupReloadsTheTargetFilesAndABadFileKeepsTheOldSet() async throws {
        let open = try LoopbackListener()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-reload-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("site.yaml")
        try Self.target("first", port: open.port).write(to: file, atomically: true, encoding: .utf8)
        let agent = try await ServeAgent([directory.path, "--interval", "1s", "--samples", "1"])

        var text = try await Self.scrape(agent) { $0.contains("target=\"first\"") }
        #expect(text.contains("target=\"first\""), "\(agent.output)")

        try Self.target("second", port: open.port).write(to: file, atomically: true, encoding: .utf8)
        agent.process.hangUp()
        text = try await Self.scrape(agent) { $0.contains("target=\"second\"") }
        #expect(text.contains("netready_probe_success{target=\"second\""), "\(agent.output)")
        #expect(!text.contains("target=\"first\""), "the old target's series are gone after the next run")
        #expect(text.contains("netready_agent_config_reload_success 1\n"))
        #expect(ServeAgent.value("netready_agent_config_reload_timestamp_seconds", in: text) ?? 0 > 0)

        try "targets:\n  - name: broken\n    probes: [\"nope://x\"]\n".write(
            to: file, atomically: true, encoding: .utf8)
        agent.process.hangUp()
        text = try await Self.scrape(agent) { $0.contains("netready_agent_config_reload_success 0\n") }
        #expect(text.contains("netready_agent_config_reload_success 0\n"), "\(agent.output)")
        #expect(agent.output.contains("reload failed, keeping the previous targets"), "\(agent.output)")
        #expect(agent.output.contains("site.yaml"), "the log names the bad file: \(agent.output)")
        // Runs go on with the old set.
        let runs = ServeAgent.value("netready_agent_runs_total", in: text) ?? 0
        text = try await Self.scrape(agent) { (ServeAgent.value("netready_agent_runs_total", in: $0) ?? 0) > runs }
        #expect((ServeAgent.value("netready_agent_runs_total", in: text) ?? 0) > runs)
        #expect(text.contains("netready_probe_success{target=\"second\""))
        #expect(try await agent.terminate() == 0, "\(agent.output)")
    }

    /// A run that would take 30 s (an HTTP GET a listener never answers) is abandoned on SIGTERM:
    /// the agent exits 0 well before the run's own timeout.
    @Test func sigtermDuringALongRunExitsZeroWithinTheGracePeriod() async throws {
        let silent = try LoopbackListener()
        let agent = try await ServeAgent([
            "http://127.0.0.1:\(silent.port)/", "--interval", "1s", "--samples", "1", "--timeout", "30s",
        ])
        let text = try await Self.scrape(agent) { $0.contains("netready_agent_run_in_progress 1\n") }
        #expect(text.contains("netready_agent_run_in_progress 1\n"))
        let asked = ContinuousClock.now
        let status = try await agent.terminate(within: 25)
        #expect(status == 0, "\(agent.output)")
        #expect(ContinuousClock.now - asked < .seconds(25), "the 30 s run was not waited for")
        #expect(ServeAgent.value("netready_agent_runs_total", in: text) == 0)
    }

    @Test(arguments: ["500ms", "0s", "0.5s"]) func anIntervalUnderASecondIsAUsageError(interval: String) async throws {
        let output = try await NetReadyBinary.run(["serve", "tcp://127.0.0.1:1", "--interval", interval])
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains("--interval"), "\(output.stderr)")
    }
}
