import Foundation
import NetReadyPosix
import NetReadyTestSupport
import NetReadyWire
import Testing

@testable import NetReady

/// `thresholds:` blocks turned into `requirements[]` rows, judged on real streams to a STUN server on loopback:
/// pass, fail (not ready over required targets, degraded over optional ones), not measured with the reason, and
/// the command line's `--max-*` winning over a file's numbers.
@Suite(.timeLimit(.minutes(3))) struct RequirementsTests {
    func report(_ yaml: String, options: RunOptions = RunOptions()) async throws -> Report {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-req-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("calling.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let files = try TargetLoader.load(arguments: [path], profiles: [:], environment: [:])
        var options = options
        options.timeout = .seconds(1)
        let plan = Plan(files: files, options: options)
        let started = Date()
        let outcome = await Runner(resolver: SystemHostResolver(), options: options).run(plan)
        return ReportBuilder.build(plan: plan, outcome: outcome, options: options, startedAt: started, finishedAt: Date())
    }

    static func server() throws -> LoopbackSTUNServer {
        try LoopbackSTUNServer { request, from, _ in [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))] }
    }

    @Test func rowsPassFailAndSayWhatIsNotMeasured() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let report = try await report(
            """
            name: calling
            thresholds: {max_loss: 99%, max_jitter: 10s, max_rtt: 10s, min_bandwidth: 100kbps, source: "vendor"}
            targets:
              - name: Media
                probes: ["stun:127.0.0.1:\(server.address.port)?duration=1s"]
            """)
        let rows = try #require(report.requirements)
        #expect(rows.map(\.name) == [
            "calling: RTT < 10000 ms", "calling: jitter < 10000 ms", "calling: loss < 99%",
            "calling: bandwidth ≥ 100 kbps",
        ])
        // Limits no loaded machine crosses: on loopback nothing is lost, but an answer the stream's window closed on
        // (the test process descheduled for a few hundred ms at load 15) counts as lost, and jitter follows the load.
        #expect(rows.prefix(3).allSatisfy { $0.status == .pass && $0.source == "vendor" }, "\(rows)")
        #expect(rows[2].measured?.wholeMatch(of: /[0-9.]+% \([0-9]+\/[0-9]+\)/) != nil, "\(rows[2])")
        #expect(rows[0].probes == ["stun:127.0.0.1:\(server.address.port)?duration=1s"])
        #expect(rows[3].status == .notMeasured)
        #expect(rows[3].why?.contains("needs netready responder or TURN credentials") == true)
        #expect(report.summary.verdict == .ready)
    }

    @Test func aFailedRowOverRequiredProbesIsNotReadyOverOptionalDegraded() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let yaml = { (required: Bool) in
            """
            targets:
              - name: Media
                required: \(required)
                thresholds: {max_rtt: 1us, source: "impossible"}
                probes: ["stun:127.0.0.1:\(server.address.port)"]
            """
        }
        let required = try await report(yaml(true))
        #expect(required.requirements?.first?.status == .fail)
        #expect(required.summary.verdict == .notReady)
        let optional = try await report(yaml(false))
        #expect(optional.summary.verdict == .degraded)
    }

    @Test func theCommandLineWinsOverTheFile() async throws {
        let server = try Self.server()
        defer { server.stop() }
        var options = RunOptions()
        options.mediaThresholds.maxRoundTripMilliseconds = 1000
        options.mediaThresholds.roundTripIsExplicit = true
        let report = try await report(
            """
            thresholds: {max_rtt: 1us, source: "impossible"}
            targets:
              - name: Media
                probes: ["stun:127.0.0.1:\(server.address.port)"]
            """, options: options)
        let row = try #require(report.requirements?.first)
        #expect(row.status == .pass)
        #expect(row.limit == "< 1000 ms")
        #expect(row.source == "command line (--max-rtt)")
        #expect(report.summary.verdict == .ready)
    }

    @Test func aStreamIsJudgedByItsTargetsThresholds() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let report = try await report(
            """
            targets:
              - name: Media
                thresholds: {max_rtt: 1us, max_loss: 99.9%, max_jitter: 10s}
                probes: ["stun:127.0.0.1:\(server.address.port)?duration=1s"]
            """)
        // Only the RTT limit can be crossed: an answer late under load (counted lost) must not make it media.loss.
        let probe = try #require(report.targets.first?.probes.first)
        #expect(probe.reason == .mediaLatency, "\(probe.message)")
    }
}
