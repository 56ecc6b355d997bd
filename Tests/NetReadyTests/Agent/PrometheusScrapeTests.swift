import Foundation
import NetReadyPosix
import NetReadyTestSupport
import Testing

/// `netready serve` scraped by a real Prometheus (the Debian package): the series arrive with
/// the values and labels of the probes' outcomes.
///
/// Both listen on ports reserved for this test process (`LoopbackListener.closedPort`: bound, not
/// listening, with SO_REUSEADDR as both servers use): no other test, and no other checkout's test
/// run on the same machine, can be handed them, as could happen with fixed port numbers.
@Suite(.serialized, .timeLimit(.minutes(3))) struct PrometheusScrapeTests {
    static let prometheus = "/usr/bin/prometheus"
    static let agentPort = Int(try! LoopbackListener.closedPort())
    static let prometheusPort = Int(try! LoopbackListener.closedPort())

    /// Prometheus comes with the lab's packages (Tests/Lab/install-deps); without it this fails.
    @Test func prometheusScrapesProbeResults() async throws {
        let open = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-prom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let agentLog = try FileHandle(forWritingTo: Self.emptyFile(directory.appendingPathComponent("agent.log")))
        let agent = ChildProcess(
            NetReadyBinary.path,
            [
                "serve", "tcp://127.0.0.1:\(open.port)", "tcp://127.0.0.1:\(closed)", "--samples", "1",
                "--interval", "1s", "--listen", "127.0.0.1:\(Self.agentPort)",
            ])
        agent.standardOutput = agentLog
        agent.standardError = agentLog
        try agent.run()
        defer { Self.stop(agent) }

        let config = directory.appendingPathComponent("prometheus.yml")
        try """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: netready
            static_configs: [{targets: ["127.0.0.1:\(Self.agentPort)"]}]
        """.write(to: config, atomically: true, encoding: .utf8)
        let prometheusLog = try FileHandle(forWritingTo: Self.emptyFile(directory.appendingPathComponent("prom.log")))
        let server = ChildProcess(
            Self.prometheus,
            [
                "--config.file=\(config.path)", "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(Self.prometheusPort)", "--log.level=warn",
            ])
        server.standardOutput = prometheusLog
        server.standardError = prometheusLog
        try server.run()
        defer { Self.stop(server) }

        // Wait (up to 30 s) until Prometheus has scraped a finished run: both probes' series.
        var series: [[String: Any]] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            series = (try? await Self.query("netready_probe_success")) ?? []
            if series.count == 2 { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("prom.log"), encoding: .utf8)) ?? ""
        try #require(series.count == 2, "Prometheus did not get both probes; its log: \(log.suffix(800))")

        func value(of uri: String) -> String? {
            let match = series.first { ($0["metric"] as? [String: String])?["uri"] == uri }
            return (match?["value"] as? [Any])?.last as? String
        }
        #expect(value(of: "tcp://127.0.0.1:\(open.port)") == "1")
        #expect(value(of: "tcp://127.0.0.1:\(closed)") == "0")
        // The reason is its own info series, joined to the success series on the probe's labels.
        let why = try await Self.query(
            "netready_probe_success == 0 and on (target, uri, kind, required) netready_probe_reason_info")
        #expect(why.count == 1)
        let reasons = try await Self.query("netready_probe_reason_info")
        #expect(reasons.count == 1)
        #expect((reasons.first?["metric"] as? [String: String])?["reason"] == "tcp.refused")
        #expect((reasons.first?["metric"] as? [String: String])?["uri"] == "tcp://127.0.0.1:\(closed)")
        let buckets = try await Self.query("sum by (le) (netready_probe_latency_seconds_bucket)")
        #expect(buckets.count == 15, "one series per bucket bound, +Inf included")
        let up = try await Self.query("up{job=\"netready\"}")
        #expect((up.first?["value"] as? [Any])?.last as? String == "1")
        let runs = try await Self.query("netready_agent_runs_total")
        #expect(Double((runs.first?["value"] as? [Any])?.last as? String ?? "0") ?? 0 >= 1)
    }

    @Test func hostileClientsGetAnswersAndDoNotBlockScrapes() async throws {
        let agentLog = try #require(FileHandle(forWritingAtPath: "/dev/null"))
        let port = Int(try LoopbackListener.closedPort())
        let agent = ChildProcess(
            NetReadyBinary.path,
            [
                "serve", "tcp://127.0.0.1:\(try LoopbackListener().port)", "--interval", "1s", "--listen",
                "127.0.0.1:\(port)",
            ])
        agent.standardOutput = agentLog
        agent.standardError = agentLog
        try agent.run()
        defer { Self.stop(agent) }
        var healthy = ""
        let deadline = ContinuousClock.now + .seconds(60)
        while healthy != "ok\n" && ContinuousClock.now < deadline {
            healthy = (try? await Self.curl(["http://127.0.0.1:\(port)/-/healthy"])) ?? ""
            if healthy != "ok\n" { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(healthy == "ok\n")

        // A client that connects and never sends a byte holds one connection, not the server.
        let silent = try Socket(family: .inet, type: .stream)
        defer { silent.close() }
        _ = try silent.connect(to: SocketAddress(ip: "127.0.0.1", port: UInt16(port)))
        let metrics = try await Self.curl(["http://127.0.0.1:\(port)/metrics"])
        #expect(metrics.contains("netready_agent_runs_total"))
        // Answered while the silent connection is still held (the server closes it after its 10 s read
        // timeout, which makes it readable): served beside it, not after it, however loaded the machine.
        #expect(await silent.waitReadable(timeout: .zero) == .timedOut)

        // Garbage and the wrong method get HTTP errors, not a crash.
        let garbage = try await Self.curl([
            "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE", "http://127.0.0.1:\(port)/metrics",
        ])
        #expect(garbage == "405")
        let missing = try await Self.curl([
            "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/etc/passwd",
        ])
        #expect(missing == "404")
        #expect(agent.isRunning)
    }

    /// `/api/v1/query` results of an instant query.
    static func query(_ promql: String) async throws -> [[String: Any]] {
        let body = try await curl([
            "-G", "http://127.0.0.1:\(prometheusPort)/api/v1/query", "--data-urlencode", "query=\(promql)",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return (json?["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
    }

    static func curl(_ arguments: [String]) async throws -> String {
        try await onOwnThread {
            try ChildProcess("/usr/bin/curl", ["-s", "--max-time", "5"] + arguments).runCapturing(timeoutSeconds: 10)
                .stdout
        }
    }

    static func emptyFile(_ url: URL) throws -> URL {
        try Data().write(to: url)
        return url
    }

    /// Stops a child without blocking the cooperative pool: it is reaped on a thread of its own.
    static func stop(_ child: ChildProcess) {
        child.terminate()
        Thread { child.waitUntilExit() }.start()
    }
}
