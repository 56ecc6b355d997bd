import Foundation
import NetReadyTestSupport
import Testing

/// The agent's HTTP endpoints (Hummingbird), as a monitoring system and an attacker use them:
/// readiness after the first run, the last report as JSON, and `/probe?target=` that runs only a
/// loaded target by name — never a destination from the query string.
@Suite(.timeLimit(.minutes(3))) struct AgentHTTPTests {
    /// `GET` through curl: the status code and the body.
    static func get(_ url: String, query: [String] = []) async throws -> (status: Int, body: String) {
        let arguments =
            ["-s", "--max-time", "30", "-w", "\n%{http_code}"] + (query.isEmpty ? [] : ["-G"])
            + query.flatMap { ["--data-urlencode", $0] } + [url]
        let output = try await onOwnThread {
            try ChildProcess("/usr/bin/curl", arguments).runCapturing(timeoutSeconds: 40).stdout
        }
        let split = output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(split.last ?? "") ?? 0, split.dropLast().joined(separator: "\n"))
    }

    /// Until the first run has finished (it waits 15 s for an HTTP server that never answers),
    /// `/-/ready` and `/report.json` answer 503; afterwards 200, and the report is `check`'s JSON.
    @Test func readyAndReportJSONAfterTheFirstRun() async throws {
        let silent = try LoopbackListener()
        let agent = try await ServeAgent([
            "http://127.0.0.1:\(silent.port)/", "--interval", "1s", "--samples", "1", "--timeout", "15s",
        ])
        let base = "http://\(agent.address)"
        #expect(try await Self.get("\(base)/-/healthy").status == 200)
        var ready = try await Self.get("\(base)/-/ready")
        #expect(ready.status == 503, "\(ready)")
        #expect(try await Self.get("\(base)/report.json").status == 503)
        let deadline = ContinuousClock.now + .seconds(60)
        while ready.status != 200, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            ready = try await Self.get("\(base)/-/ready")
        }
        #expect(ready.status == 200, "\(agent.output)")
        let json = try await Self.get("\(base)/report.json")
        #expect(json.status == 200)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any]
        #expect(parsed?["schema"] as? String == "netready.report/v1")
        let probe = ((parsed?["targets"] as? [[String: Any]])?.first?["probes"] as? [[String: Any]])?.first
        #expect(probe?["uri"] as? String == "http://127.0.0.1:\(silent.port)/")
        #expect(probe?["status"] as? String == "fail")
        #expect(try await agent.terminate() == 0)
    }

    @Test func probeRunsALoadedTargetByNameAndNothingElse() async throws {
        let open = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let victim = try LoopbackListener()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-probe-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        targets:
          - name: open-port
            probes: ["tcp://127.0.0.1:\(open.port)"]
          - name: closed-port
            probes: ["tcp://127.0.0.1:\(closed)"]
        """.write(to: directory.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        let agent = try await ServeAgent([directory.path, "--interval", "1h", "--samples", "1"])
        let probe = "http://\(agent.address)/probe"

        let one = try await Self.get(probe, query: ["target=open-port"])
        #expect(one.status == 200, "\(one.body)")
        #expect(one.body.contains("netready_probe_success{target=\"open-port\""), "\(one.body)")
        #expect(!one.body.contains("closed-port"))
        #expect(try await PromtoolTests.check(one.body + "\n").status == 0)
        let other = try await Self.get(probe, query: ["target=closed-port"])
        #expect(other.body.contains("reason=\"tcp.refused\"} 1"), "\(other.body)")

        let unknown = try await Self.get(probe, query: ["target=no-such-target"])
        #expect(unknown.status == 404)
        #expect(unknown.body.contains("open-port") && unknown.body.contains("closed-port"), "\(unknown.body)")

        for attempt in [
            "tcp://127.0.0.1:\(victim.port)", "127.0.0.1:\(victim.port)", "127.0.0.1", "victim.example.com",
            "http://127.0.0.1:\(victim.port)/admin", "open-port\nX-Injected: 1",
        ] {
            let refused = try await Self.get(probe, query: ["target=\(attempt)"])
            #expect(refused.status == 400, "\(attempt.debugDescription): \(refused)")
        }
        let missing = try await Self.get(probe)
        #expect(missing.status == 400)
        #expect(!victim.hasPendingConnection, "the agent connected to a destination named in the query")
        #expect(agent.output.contains("refused /probe"), "\(agent.output)")
        #expect(agent.output.contains("127.0.0.1:\(victim.port)"), "the log names what was asked")
        #expect(try await agent.terminate() == 0)
    }
}
