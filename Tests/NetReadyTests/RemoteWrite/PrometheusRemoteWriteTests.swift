import Foundation
import NetReadyTestSupport
import Testing

/// `netready serve --remote-write` into a real Prometheus (Debian's package, from Tests/Lab/install-deps)
/// started with its remote-write receiver on loopback: the series arrive with the site label, and a
/// Prometheus stopped for 5 s mid-run still ends up with every run's samples, each once.
@Suite(.serialized, .timeLimit(.minutes(4))) struct PrometheusRemoteWriteTests {
    /// A Prometheus with no scrape targets, only the receiver, keeping its data in `directory`.
    final class Receiver: @unchecked Sendable {
        let port: Int
        let directory: URL
        private var process: ChildProcess?

        init(directory: URL) throws {
            port = Int(try LoopbackListener.closedPort())
            self.directory = directory
            try "global: {evaluation_interval: 1s}\n".write(
                to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        }

        var url: String { "http://127.0.0.1:\(port)/api/v1/write" }

        /// Starts it and waits (up to 60 s) until it answers queries.
        func start() async throws {
            let log = try FileHandle(forWritingTo: PrometheusScrapeTests.emptyFile(directory.appendingPathComponent("prom.log")))
            let server = ChildProcess(
                PrometheusScrapeTests.prometheus,
                [
                    "--config.file=\(directory.appendingPathComponent("prometheus.yml").path)",
                    "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                    "--web.listen-address=127.0.0.1:\(port)", "--web.enable-remote-write-receiver", "--log.level=warn",
                ])
            server.standardOutput = log
            server.standardError = log
            try server.run()
            process = server
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                if (try? await PrometheusRemoteWriteTests.curl(["http://127.0.0.1:\(port)/-/ready"]))?.contains("Ready") == true {
                    return
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            throw POSIXError(.ETIMEDOUT)
        }

        /// SIGTERM, and waits until it has exited (its data on disk).
        func stop() async throws {
            guard let server = process else { return }
            process = nil
            server.terminate()
            try await onOwnThread { server.waitUntilExit() }
        }

        /// For a test's `defer`: SIGTERM without waiting (reaped on a thread of its own).
        func terminate() {
            if let server = process { PrometheusScrapeTests.stop(server) }
            process = nil
        }

        /// Instant query results.
        func query(_ promql: String) async throws -> [[String: Any]] {
            let body = try await PrometheusRemoteWriteTests.curl([
                "-G", "http://127.0.0.1:\(port)/api/v1/query", "--data-urlencode", "query=\(promql)",
            ])
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            #expect(json?["status"] as? String == "success", "\(promql): \(body.prefix(300))")
            return (json?["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        }

        /// The single value of an instant query that returns one series.
        func value(_ promql: String) async throws -> Double? {
            let result = try await query(promql)
            guard result.count == 1 else { return nil }
            return ((result[0]["value"] as? [Any])?.last as? String).flatMap(Double.init)
        }

        var log: String {
            (try? String(contentsOf: directory.appendingPathComponent("prom.log"), encoding: .utf8)) ?? ""
        }
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-rw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func curl(_ arguments: [String]) async throws -> String {
        try await PrometheusScrapeTests.curl(arguments)
    }

    /// `serve` with an answering and a refused TCP target, pushing to `receiver`, as a child process.
    static func agent(
        runs: Int, open: LoopbackListener, closed: UInt16, receiver: Receiver, extra: [String], log: URL
    ) throws -> ChildProcess {
        let agent = ChildProcess(
            NetReadyBinary.path,
            [
                "serve", "tcp://127.0.0.1:\(open.port)", "tcp://127.0.0.1:\(closed)", "--samples", "1",
                "--interval", "1s", "--runs", "\(runs)", "--listen", "127.0.0.1:0", "--remote-write",
                receiver.url, "--label", "site=lab1",
            ] + extra)
        let handle = try FileHandle(forWritingTo: PrometheusScrapeTests.emptyFile(log))
        agent.standardOutput = handle
        agent.standardError = handle
        try agent.run()
        return agent
    }

    @Test func tenRunsAreQueryableWithTheSiteLabel() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = try Receiver(directory: directory)
        try await receiver.start()
        defer { receiver.terminate() }

        let open = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let output = try await NetReadyBinary.run(
            [
                "serve", "tcp://127.0.0.1:\(open.port)", "tcp://127.0.0.1:\(closed)", "--samples", "1", "--interval",
                "1s", "--runs", "10", "--listen", "127.0.0.1:0", "--remote-write", receiver.url, "--label", "site=lab1",
                "--label", "region=eu",
            ], timeoutSeconds: 120)
        #expect(output.status == 0, "\(output.stderr.suffix(800))")
        #expect(!output.stderr.contains("runs not delivered"))

        #expect(try await receiver.value(#"count_over_time(netready_agent_runs_total{site="lab1",region="eu"}[1h])"#) == 10)
        #expect(try await receiver.value(#"max_over_time(netready_agent_runs_total{site="lab1"}[1h])"#) == 10)
        let success = try await receiver.query(#"last_over_time(netready_probe_success{site="lab1"}[1h])"#)
        #expect(success.count == 2, "\(receiver.log.suffix(600))")
        let values = Dictionary(
            uniqueKeysWithValues: success.compactMap { entry -> (String, String)? in
                guard let uri = (entry["metric"] as? [String: String])?["uri"],
                    let value = (entry["value"] as? [Any])?.last as? String
                else { return nil }
                return (uri, value)
            })
        #expect(values["tcp://127.0.0.1:\(open.port)"] == "1")
        #expect(values["tcp://127.0.0.1:\(closed)"] == "0")
        let reason = try await receiver.query(#"last_over_time(netready_probe_reason_info{site="lab1"}[1h])"#)
        #expect((reason.first?["metric"] as? [String: String])?["reason"] == "tcp.refused")
        #expect(try await receiver.value(#"count(count by (le) (netready_probe_latency_seconds_bucket{site="lab1"}))"#) == 15)
        // The agent's own push counters arrive too (each run carries the count delivered before it ended:
        // at most 9 for the tenth; how many exactly depends on how fast the receiver answered).
        let delivered = try await receiver.value(#"max_over_time(netready_remote_write_delivered_total{site="lab1"}[1h])"#)
        #expect((1...9).contains(delivered ?? 0))

        // Every panel of the shipped Grafana dashboard evaluates without error against these series,
        // and the per-site panels find site lab1.
        let queries = try GrafanaDashboard.queries()
        #expect(queries.count >= 8)
        for (title, expr) in queries {
            let body = try await Self.curl([
                "-G", "http://127.0.0.1:\(receiver.port)/api/v1/query", "--data-urlencode", "query=\(expr)",
            ])
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            #expect(json?["status"] as? String == "success", "panel '\(title)': \(expr): \(body.prefix(300))")
        }
        let readiness = try #require(queries.first { $0.title == "Readiness per site" })
        let sites = try await receiver.query(readiness.expr)
        #expect(sites.count == 1)
        #expect((sites.first?["metric"] as? [String: String])?["site"] == "lab1")
        let blocked = try #require(queries.first { $0.title == "Blocked required destinations" })
        let rows = try await receiver.query(blocked.expr)
        #expect(rows.count == 1)
        #expect((rows.first?["metric"] as? [String: String])?["reason"] == "tcp.refused")
    }

    @Test func aReceiverStoppedForFiveSecondsMidRunStillGetsEveryRunOnce() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = try Receiver(directory: directory)
        try await receiver.start()
        let runs = 15
        let agentLog = directory.appendingPathComponent("agent.log")
        let open = try LoopbackListener()
        let agent = try Self.agent(
            runs: runs, open: open, closed: try LoopbackListener.closedPort(), receiver: receiver,
            extra: ["--spool", directory.appendingPathComponent("spool").path, "--remote-write-timeout", "2s"],
            log: agentLog)
        defer {
            PrometheusScrapeTests.stop(agent)
            receiver.terminate()
        }

        // Once the first runs have arrived, Prometheus goes away for 5 s while the agent keeps running.
        let arrived = ContinuousClock.now + .seconds(60)
        while try await receiver.value(#"count_over_time(netready_agent_runs_total{site="lab1"}[1h])"#) ?? 0 < 2,
            ContinuousClock.now < arrived
        {
            try await Task.sleep(for: .milliseconds(200))
        }
        try await receiver.stop()
        try await Task.sleep(for: .seconds(5))
        try await receiver.start()
        try await onOwnThread { agent.waitUntilExit() }
        let log = (try? String(contentsOf: agentLog, encoding: .utf8)) ?? ""
        #expect(agent.terminationStatus == 0, "\(log.suffix(800))")
        #expect(log.contains("remote-write push failed"), "the agent saw the receiver down")
        #expect(log.contains("reachable again"))

        #expect(try await receiver.value(#"count_over_time(netready_agent_runs_total{site="lab1"}[1h])"#) == Double(runs))
        // Each run's counter value exactly once, in order: nothing lost, nothing twice.
        let series = try await receiver.query(#"netready_agent_runs_total{site="lab1"}[1h]"#)
        let points = (series.first?["values"] as? [[Any]] ?? []).compactMap { ($0.last as? String).flatMap(Double.init) }
        #expect(points == (1...runs).map(Double.init), "\(receiver.log.suffix(600))")
        #expect(try await receiver.value(#"count_over_time(netready_probe_success{site="lab1"}[1h])"#) == nil)
        let perProbe = try await receiver.query(#"count_over_time(netready_probe_success{site="lab1"}[1h])"#)
        #expect(perProbe.count == 2)
        #expect(perProbe.allSatisfy { ($0["value"] as? [Any])?.last as? String == "\(runs)" })
        withExtendedLifetime(open) {}
    }
}
