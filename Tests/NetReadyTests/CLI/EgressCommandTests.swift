import Foundation
import NetReadyPosix
import NetReadyTestSupport
import NetReadyWire
import Testing

/// `netready egress` and `check`'s egress flags against real loopback peers: an HTTP echo service (Python)
/// and a scripted DNS server; what is learned, over how many fresh connections, and the exit codes.
@Suite(.timeLimit(.minutes(3))) struct EgressCommandTests {
    @Test func httpEchoIsAskedOverFreshConnectionsInTextAndJSON() async throws {
        let echo = try await LoopbackEchoServer()
        let before = try await echo.connections()
        let output = try await NetReadyBinary.run([
            "egress", "--server", "\(echo.base)/ip", "--server", "\(echo.base)/json", "--connections", "6",
            "--format", "json", "--timeout", "2s",
        ])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let egress = try #require(try output.json()["egress"] as? [String: Any])
        let addresses = try #require(egress["addresses"] as? [[String: Any]])
        #expect(addresses.count == 1)
        #expect(addresses.first?["ip"] as? String == "127.0.0.1")
        #expect(addresses.first?["count"] as? Int == 12)
        #expect(addresses.first?["via"] as? [String] == ["http"])
        #expect(egress["stable"] as? Bool == true)
        // Every ask was a new TCP connection: 12 asks, plus our own two /connections requests.
        #expect(try await echo.connections() - before == 12 + 1)
    }

    @Test func aSavedEgressReportIsReRenderedByNetreadyReport() async throws {
        let echo = try await LoopbackEchoServer()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nr-egress-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let saved = try await NetReadyBinary.run([
            "egress", "--server", "\(echo.base)/ip", "--connections", "3", "-o", file.path, "--format", "json",
            "--expect-egress", "127.0.0.1",
        ])
        #expect(saved.status == 0, "stderr: \(saved.stderr)")
        let table = try await NetReadyBinary.run(["report", file.path, "--format", "table"])
        #expect(table.status == 0, "stderr: \(table.stderr)")
        #expect(table.stdout.contains("Egress — stable (1 IPv4 address)"), "\(table.stdout)")
        #expect(table.stdout.contains("127.0.0.1") && table.stdout.contains("3×  via http over tcp"))
        #expect(table.stdout.contains("Egress allow-list"))
        let metrics = try await NetReadyBinary.run(["report", file.path, "--format", "prometheus"])
        #expect(metrics.stdout.contains("netready_egress_stable 1\n"))
        #expect(metrics.stdout.contains("netready_probe_success{target=\"Egress allow-list\""))
    }

    @Test func anEchoThatAnswersHTMLOrNeverAnswersTeachesNothingAndExitsOne() async throws {
        let echo = try await LoopbackEchoServer()
        let started = ContinuousClock.now
        let output = try await NetReadyBinary.run([
            "egress", "--server", "\(echo.base)/html", "--server", "\(echo.base)/hang", "--connections", "3",
            "--format", "json", "--timeout", "500ms",
        ])
        // Three connections of 500 ms each, not the /hang server's 60 s.
        #expect(ContinuousClock.now - started < TimeBound.notHung(after: .milliseconds(1500)))
        #expect(output.status == 1, "stderr: \(output.stderr)")
        let egress = try #require(try output.json()["egress"] as? [String: Any])
        #expect((egress["addresses"] as? [Any])?.isEmpty == true)
        #expect(egress["stable"] is NSNull)
        let notes = egress["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("/html over ipv4 (3 of 3 connections): the answer is not an address") })
        #expect(notes.contains { $0.contains("/hang over ipv4 (3 of 3 connections)") })
    }

    @Test func dnsWhatIsMyAddressIsAskedDirectlyOneQueryPerConnection() async throws {
        let responder = try LoopbackDNSResponder { query, _ in
            let question = query.questions[0]
            let record = DNSRecord(name: question.name, type: .txt, ttl: 0, data: .txt([Array("127.0.0.1".utf8)]))
            return [LoopbackDNSResponder.answer(query, records: question.type == .txt ? [record] : [])]
        }
        defer { responder.stop() }
        let server = "\(responder.address.ip):\(responder.address.port)"
        let output = try await NetReadyBinary.run([
            "egress", "--server", "dns:whoami.test?type=TXT&server=\(server)", "--connections", "5",
            "--format", "json",
        ])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let egress = try #require(try output.json()["egress"] as? [String: Any])
        let addresses = try #require(egress["addresses"] as? [[String: Any]])
        #expect(addresses.first?["ip"] as? String == "127.0.0.1")
        #expect(addresses.first?["count"] as? Int == 5)
        #expect(addresses.first?["via"] as? [String] == ["dns"])
        let udp = try #require((egress["by_protocol"] as? [String: Any])?["udp"] as? [[String: Any]])
        #expect(udp.first?["count"] as? Int == 5)
        #expect(responder.queries == 5)
    }

    @Test func checkFillsTheEgressSectionAndJudgesTheAllowList() async throws {
        let echo = try await LoopbackEchoServer()
        let listener = try LoopbackListener()
        let base = [
            "check", "tcp://127.0.0.1:\(listener.port)", "--samples", "1", "--format", "json",
            "--egress-server", "\(echo.base)/ip", "--egress-connections", "4",
        ]
        let inside = try await NetReadyBinary.run(base + ["--expect-egress", "127.0.0.0/8"])
        #expect(inside.status == 0, "stderr: \(inside.stderr)")
        let report = try inside.json()
        let egress = try #require(report["egress"] as? [String: Any])
        #expect((egress["addresses"] as? [[String: Any]])?.first?["count"] as? Int == 4)
        let targets = try #require(report["targets"] as? [[String: Any]])
        #expect(targets.map { $0["name"] as? String } == ["tcp://127.0.0.1:\(listener.port)", "Egress allow-list"])

        let outside = try await NetReadyBinary.run(base + ["--expect-egress", "198.51.100.0/24"])
        #expect(outside.status == 1)
        let summary = try #require(try outside.json()["summary"] as? [String: Any])
        let blocked = try #require((summary["blocked_required"] as? [[String: Any]])?.first)
        #expect(blocked["reason"] as? String == "egress.unexpected")
        #expect(blocked["message"] as? String == "egress 127.0.0.1 is outside the expected 198.51.100.0/24")

        let table = try await NetReadyBinary.run(base + ["--format", "table", "--expect-egress", "198.51.100.0/24"])
        #expect(table.stdout.contains("Egress — stable (1 IPv4 address)"), "\(table.stdout)")
        #expect(table.stdout.contains("egress 127.0.0.1 is outside the expected 198.51.100.0/24"))
    }

    @Test(arguments: [
        (["egress", "--server", "tcp://127.0.0.1:80"], "an egress server is an http(s)://"),
        (["egress", "--server", "http://127.0.0.1/", "--expect-egress", "10.0.0.0/33"], "'10.0.0.0/33'"),
        (["check", "tcp://127.0.0.1:1", "--expect-egress", "nonsense"], "'nonsense'"),
        (["egress", "--server", "http://127.0.0.1/", "--connections", "0"], "between 1 and 1000"),
    ])
    func badEgressArgumentsExitTwoNamingTheValue(arguments: [String], says: String) async throws {
        let output = try await NetReadyBinary.run(arguments)
        #expect(output.status == 2)
        #expect(output.stderr.contains(says), "stderr: \(output.stderr)")
    }
}
