import Foundation
import NetReadyRemoteWrite
import NetReadyTestSupport
import Testing

/// `netready serve --remote-write` against loopback receivers that answer 4xx, hang or are not
/// there: the headers and body of a push, refusals not retried, credentials never in the log, and
/// a bad receiver never stopping the runs.
@Suite(.serialized, .timeLimit(.minutes(3))) struct RemoteWriteAgentTests {
    /// `serve` with a probe target that answers, for `runs` runs at 1 s, pushing to `url`.
    static func serve(
        runs: Int, url: String, extra: [String] = [], environment: [String: String] = [:], timeoutSeconds: Int = 120
    ) async throws -> NetReadyBinary.Output {
        let open = try LoopbackListener()
        return try await NetReadyBinary.run(
            [
                "serve", "tcp://127.0.0.1:\(open.port)", "--interval", "1s", "--runs", "\(runs)", "--listen",
                "127.0.0.1:0", "--remote-write", url, "--label", "site=lab1",
            ] + extra, environment: environment, timeoutSeconds: timeoutSeconds)
    }

    @Test func refusedBatchesAreLoggedNotRetriedAndCarryTheHeadersAndCredentials() async throws {
        let receiver = try LoopbackHTTPReceiver(status: 400)
        defer { receiver.stop() }
        let output = try await Self.serve(
            runs: 3, url: receiver.url, environment: ["NETREADY_REMOTE_WRITE_TOKEN": "very-secret-token"])
        #expect(output.status == 0, "\(output.stderr.suffix(600))")
        let requests = receiver.requests
        // One request per run: a 400 is final.
        #expect(requests.count == 3)
        let first = try #require(requests.first)
        #expect(first.head.hasPrefix("POST /api/v1/write HTTP/1.1"))
        #expect(first.header("Content-Encoding") == "snappy")
        #expect(first.header("Content-Type") == "application/x-protobuf")
        #expect(first.header("X-Prometheus-Remote-Write-Version") == "0.1.0")
        #expect(first.header("Authorization") == "Bearer very-secret-token")
        let request = try RemoteWriteBatch.decode(first.body)
        let names = Set(request.timeseries.compactMap { $0.labels.first { $0.name == "__name__" }?.value })
        #expect(names.isSuperset(of: ["netready_probe_success", "netready_agent_runs_total", "netready_ready"]))
        #expect(request.timeseries.allSatisfy { series in series.labels.contains { $0.name == "site" && $0.value == "lab1" } })
        let runsTotal = request.timeseries.first { $0.labels.contains { $0.value == "netready_agent_runs_total" } }
        #expect(runsTotal?.samples.first?.value == 1)
        #expect(output.stderr.contains("refused a batch"))
        #expect(output.stderr.contains("bearer token"))
        #expect(!output.stderr.contains("very-secret-token"))
    }

    @Test func basicAuthComesFromTheEnvironment() async throws {
        let receiver = try LoopbackHTTPReceiver(status: 204)
        defer { receiver.stop() }
        let output = try await Self.serve(
            runs: 1, url: receiver.url,
            environment: ["NETREADY_REMOTE_WRITE_USER": "site7", "NETREADY_REMOTE_WRITE_PASSWORD": "pa55word"])
        #expect(output.status == 0)
        #expect(receiver.requests.first?.header("Authorization") == "Basic " + Data("site7:pa55word".utf8).base64EncodedString())
        #expect(!output.stderr.contains("pa55word"))
    }

    @Test func aHangingReceiverTimesOutAndTheRunsGoOn() async throws {
        let receiver = try LoopbackHTTPReceiver(status: nil)
        defer { receiver.stop() }
        let output = try await Self.serve(
            runs: 4, url: receiver.url, extra: ["--remote-write-timeout", "1s", "--remote-write-max-backoff", "1s"])
        // The four runs finished (the agent stops only after --runs) although no push ever got an answer.
        #expect(output.status == 0, "\(output.stderr.suffix(600))")
        #expect(output.stderr.contains("remote-write push failed"))
        #expect(output.stderr.contains("runs not delivered at exit"))
        #expect(receiver.requests.count >= 2, "the push was retried")
    }

    @Test func aReceiverAnsweringGarbageIsRetriedAndTheRunsGoOn() async throws {
        let garbage = try HostileTCPServer(.answer(Array("\u{01}\u{02}garbage, not HTTP\r\n\r\n".utf8)))
        defer { garbage.stop() }
        let output = try await Self.serve(
            runs: 3, url: "http://127.0.0.1:\(garbage.port)/api/v1/write", extra: ["--remote-write-timeout", "2s"])
        #expect(output.status == 0, "\(output.stderr.suffix(600))")
        #expect(output.stderr.contains("remote-write push failed"))
    }

    @Test func runsSpooledByAnAgentThatCouldNotDeliverAreSentFirstByTheNextOne() async throws {
        let port = try LoopbackListener.closedPort()
        let url = "http://127.0.0.1:\(port)/api/v1/write"
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("nr-spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: spool) }
        // Nobody listens yet: both runs stay in the spool when the first agent exits.
        let first = try await Self.serve(
            runs: 2, url: url, extra: ["--spool", spool.path, "--remote-write-timeout", "1s"])
        #expect(first.status == 0, "\(first.stderr.suffix(600))")
        #expect(first.stderr.contains("kept=in the spool"))

        let receiver = try LoopbackHTTPReceiver(status: 204, port: port)
        defer { receiver.stop() }
        let second = try await Self.serve(runs: 1, url: url, extra: ["--spool", spool.path])
        #expect(second.status == 0, "\(second.stderr.suffix(600))")
        #expect(second.stderr.contains("spooled by an earlier agent"))
        let pushed = try receiver.requests.map { request -> (runs: Double, at: Int64) in
            let series = try RemoteWriteBatch.decode(request.body).timeseries
            let runs = try #require(series.first { $0.labels.contains { $0.value == "netready_agent_runs_total" } })
            return (runs.samples[0].value, runs.samples[0].timestamp)
        }
        // The first agent's runs 1 and 2, oldest first, then the second agent's run 1.
        #expect(pushed.map(\.runs) == [1, 2, 1])
        #expect(pushed.map(\.at) == pushed.map(\.at).sorted())
        #expect(try FileManager.default.subpathsOfDirectory(atPath: spool.path).filter { $0.hasSuffix(".rwbatch") }.isEmpty)
    }

    @Test(arguments: [
        ["--remote-write", "ftp://user:hunter2@127.0.0.1/write"], ["--remote-write", "127.0.0.1:9090"],
        ["--label", "site"], ["--label", "__name__=x"], ["--label", "9site=x"], ["--spool-limit", "0"],
        ["--remote-write-backoff", "10s", "--remote-write-max-backoff", "5s"], ["--runs", "0"],
    ])
    func badRemoteWriteSettingsExit2(arguments: [String]) async throws {
        let output = try await NetReadyBinary.run(["serve", "tcp://127.0.0.1:1", "--listen", "127.0.0.1:0"] + arguments)
        #expect(output.status == 2, "\(output.stderr)")
        #expect(!output.stderr.contains("hunter2"))
    }

    @Test func tokenAndBasicAuthTogetherIsABadSetting() async throws {
        let output = try await NetReadyBinary.run(
            ["serve", "tcp://127.0.0.1:1", "--listen", "127.0.0.1:0", "--remote-write", "http://127.0.0.1:1/w"],
            environment: ["NETREADY_REMOTE_WRITE_TOKEN": "t", "NETREADY_REMOTE_WRITE_USER": "u"])
        #expect(output.status == 2)
    }
}
