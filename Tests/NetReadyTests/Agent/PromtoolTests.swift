import Foundation
import NetReadyTestSupport
import Testing

/// The exposition passes `promtool check metrics` (Debian's `prometheus` package, installed by
/// Tests/Lab/install-deps): `--format prometheus` of a real run with every kind of series, and a
/// scraped `/metrics` of the agent.
@Suite(.serialized, .timeLimit(.minutes(3))) struct PromtoolTests {
    static let promtool = "/usr/bin/promtool"

    /// `promtool check metrics` of `text`: its exit status and what it said.
    static func check(_ text: String) async throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nr-prom-\(UUID().uuidString).prom")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await onOwnThread {
            try ChildProcess("/bin/sh", ["-c", "\(promtool) check metrics < '\(file.path)' 2>&1"])
                .runCapturing(timeoutSeconds: 30)
        }
        return (result.status, result.stdout)
    }

    /// TLS (a certificate that expires in 20 days), HTTPS, TCP open and refused, and an RTP stream:
    /// every probe family of the renderer has samples.
    @Test func formatPrometheusOfARealRunPassesPromtool() async throws {
        let open = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let echo = try LoopbackUDPResponder { [$0] }
        defer { echo.stop() }
        try await TLSProberLoopbackTests.withServer(days: 20, san: "IP:127.0.0.1", www: true) { port, cert in
            let output = try await NetReadyBinary.run([
                "check", "tls://127.0.0.1:\(port)", "https://127.0.0.1:\(port)/", "tcp://127.0.0.1:\(open.port)",
                "tcp://127.0.0.1:\(closed)", "rtp://127.0.0.1:\(echo.address.port)?duration=1s", "--ca-file", cert,
                "--samples", "2", "--format", "prometheus",
            ])
            let text = output.stdout
            let checked = try await Self.check(text)
            #expect(checked.status == 0, "promtool: \(checked.output)\n\(text)")
            #expect(text.contains("# TYPE netready_probe_latency_seconds histogram\n"))
            #expect(text.contains("netready_probe_latency_seconds_bucket{target=\"tcp://127.0.0.1:\(open.port)\""))
            #expect(text.contains("le=\"+Inf\"} 2\n"), "two samples of the open port")
            #expect(!text.contains("quantile"))
            #expect(text.contains("reason=\"tcp.refused\"} 1\n"))
            let success = text.split(separator: "\n").filter { $0.hasPrefix("netready_probe_success{") }
            #expect(success.count == 5 && !success.contains { $0.contains("reason=") }, "\(success)")
            #expect(text.contains("netready_http_status_code{"), "\(text)")
            #expect(text.contains("netready_media_mos{"))
            #expect(text.contains("netready_media_loss_ratio{"))
            let expiry = try #require(Self.samples("netready_tls_cert_not_after_seconds", in: text).first)
            let days = (expiry - Date().timeIntervalSince1970) / 86400
            #expect(days > 18 && days <= 20.01, "certificate expiry \(expiry) is \(days) days away")
        }
    }

    @Test func scrapedMetricsPassPromtool() async throws {
        let open = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let agent = try await ServeAgent([
            "tcp://127.0.0.1:\(open.port)", "tcp://127.0.0.1:\(closed)", "--samples", "1", "--interval", "1s",
        ])
        var metrics = ""
        for _ in 0..<200 {
            metrics = try await agent.scrape()
            if (ServeAgent.value("netready_agent_runs_total", in: metrics) ?? 0) >= 2 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect((ServeAgent.value("netready_agent_runs_total", in: metrics) ?? 0) >= 2, "\(agent.output)")
        let checked = try await Self.check(metrics)
        #expect(checked.status == 0, "promtool: \(checked.output)\n\(metrics)")
        #expect(metrics.contains("netready_agent_overruns_total 0\n"))
        #expect(metrics.contains("netready_agent_config_reload_success 1\n"))
        // Histograms add up over runs: two runs of one sample each.
        let count = Self.samples("netready_probe_latency_seconds_count", in: metrics).first ?? 0
        #expect(count >= 2, "\(metrics)")
        #expect(try await agent.terminate() == 0)
    }

    /// Values of every sample of `name` (with any labels).
    static func samples(_ name: String, in text: String) -> [Double] {
        text.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix(name + "{") || line.hasPrefix(name + " ") else { return nil }
            return line.split(separator: " ").last.flatMap { Double($0) }
        }
    }
}
