import Foundation
import NetReadyTestSupport
import Testing

/// The real `netready` binary, run as a user runs it: exit codes, JSON fields, errors.
@Suite(.timeLimit(.minutes(3))) struct CheckCommandTests {
    @Test func listeningPortExitsZeroWithSpecFields() async throws {
        let listener = try LoopbackListener()
        let output = try await NetReadyBinary.run([
            "check", "tcp://127.0.0.1:\(listener.port)", "--format", "json", "--samples", "2",
        ])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let report = try output.json()
        #expect(report["schema"] as? String == "netready.report/v1")
        for key in [
            "tool", "started_at", "finished_at", "duration_ms", "host", "options", "summary", "egress", "targets",
        ] {
            #expect(report[key] != nil, "missing \(key)")
        }
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["verdict"] as? String == "ready")
        let targets = try #require(report["targets"] as? [[String: Any]])
        let probe = try #require((targets.first?["probes"] as? [[String: Any]])?.first)
        for key in [
            "uri", "kind", "host", "port", "transport", "address", "status", "reason", "message", "latency_ms",
            "attempts", "details",
        ] {
            #expect(probe.keys.contains(key), "probe lacks \(key)")
        }
        #expect(probe["status"] as? String == "pass")
        #expect(probe["reason"] is NSNull)
        let latency = try #require(probe["latency_ms"] as? [String: Any])
        for key in ["samples", "min", "p50", "p90", "p99", "max", "mean"] { #expect(latency[key] != nil) }
    }

    @Test func closedPortExitsOneWithTcpRefused() async throws {
        let port = try LoopbackListener.closedPort()
        let output = try await NetReadyBinary.run([
            "check", "tcp://127.0.0.1:\(port)", "--format", "json", "--samples", "1",
        ])
        #expect(output.status == 1)
        let report = try output.json()
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["verdict"] as? String == "not_ready")
        let blocked = try #require(summary["blocked_required"] as? [[String: Any]])
        #expect(blocked.first?["reason"] as? String == "tcp.refused")
    }

    @Test func malformedTargetFileExitsTwoWithFileLineColumn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.yaml")
        try """
        name: bad
        targets:
          - name: typo
            requird: true
            probes:
              - tcp://127.0.0.1:443
        """.write(to: file, atomically: true, encoding: .utf8)
        let output = try await NetReadyBinary.run(["check", file.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("bad.yaml:4:5"), "stderr: \(output.stderr)")
        #expect(output.stderr.contains("requird"))
    }

    @Test func badUsageExitsTwo() async throws {
        #expect(try await NetReadyBinary.run(["check", "--samples", "0", "tcp://127.0.0.1:1"]).status == 2)
        #expect(try await NetReadyBinary.run(["check", "--format", "yaml", "tcp://127.0.0.1:1"]).status == 2)
        #expect(try await NetReadyBinary.run(["check", "--timeout", "soon", "tcp://127.0.0.1:1"]).status == 2)
        #expect(try await NetReadyBinary.run(["check", "tcp://127.0.0.1:99999"]).status == 2)
        #expect(try await NetReadyBinary.run(["check", "gopher://x"]).status == 2)
    }

    @Test func stunToAClosedLoopbackPortFailsFastOnTheICMPError() async throws {
        let port = try LoopbackListener.closedPort()  // a TCP port; the same UDP port is all but surely closed
        let start = ContinuousClock.now
        let output = try await NetReadyBinary.run([
            "check", "stun:127.0.0.1:\(port)", "--format", "json", "--samples", "1", "--timeout", "30s",
        ])
        let elapsed = ContinuousClock.now - start
        let report = try output.json()
        let targets = try #require(report["targets"] as? [[String: Any]])
        let probe = try #require((targets.first?["probes"] as? [[String: Any]])?.first)
        #expect(probe["reason"] as? String == "stun.timeout")
        #expect((probe["message"] as? String)?.contains("port unreachable") == true, "\(probe["message"] ?? "")")
        #expect(output.status == 1)
        // The ICMP error ended the probe, not the 30 s timeout.
        #expect(elapsed < TimeBound.beforeTimeout(.seconds(30)))
    }

    @Test func ndjsonStreamsProbesThenTheSummary() async throws {
        let listener = try LoopbackListener()
        let closed = try LoopbackListener.closedPort()
        let output = try await NetReadyBinary.run([
            "check", "tcp://127.0.0.1:\(listener.port)", "tcp://127.0.0.1:\(closed)", "--format", "ndjson", "--samples",
            "1",
        ])
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(objects[0]["type"] as? String == "probe")
        #expect(objects[1]["type"] as? String == "probe")
        #expect(objects[2]["type"] as? String == "summary")
        #expect((objects[2]["summary"] as? [String: Any])?["verdict"] as? String == "not_ready")
    }

    @Test func outputFileIsWrittenWhole() async throws {
        let listener = try LoopbackListener()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nr-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try await NetReadyBinary.run([
            "check", "tcp://127.0.0.1:\(listener.port)", "-o", path, "--samples", "1",
        ])
        #expect(output.status == 0)
        let data = try #require(FileManager.default.contents(atPath: path))
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(report?["schema"] as? String == "netready.report/v1")
        let rerendered = try await NetReadyBinary.run(["report", path, "--format", "table"])
        #expect(rerendered.status == 0)
        #expect(rerendered.stdout.contains("READY"))
    }

    @Test func silentDropInANamespaceTimesOutWithinTheTimeout() async throws {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return
        }
        // ip(8) calls block: not on the cooperative pool.
        let namespace = try await onOwnThread { try BlackholeNamespace() }
        let start = Date()
        let output = try await NetReadyBinary.run(
            [
                "check", "tcp://\(namespace.silentAddress(0)):443", "--format", "json", "--samples", "1", "--timeout",
                "8s", "--no-trace-blocked",
            ],
            prefix: namespace.execPrefix)
        let elapsed = Date().timeIntervalSince(start)
        #expect(output.status == 1)
        let summary = try #require(try output.json()["summary"] as? [String: Any])
        let blocked = try #require(summary["blocked_required"] as? [[String: Any]])
        #expect(blocked.first?["reason"] as? String == "tcp.timeout")
        // One 8 s timeout, not retries (a second try would end at 16 s); 7 s of room for a loaded machine.
        #expect(elapsed < 15.0, "took \(elapsed) s: one timeout, not retries")
    }

    /// A host with no route to anything (the README's first command in an isolated namespace): every kind
    /// of probe, and the resolver, get `ENETUNREACH` from the kernel at once; each is classified, nothing crashes.
    @Test func noRouteAtAllIsClassifiedForEveryKindOfProbe() async throws {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return
        }
        // ip(8) calls block: not on the cooperative pool.
        let namespace = try await onOwnThread { try BlackholeNamespace() }
        // 10.97.0.0/16 has no route in the namespace (only 10.98/24 and 10.99/16 do): nothing is ever sent.
        let host = "10.97.0.1"
        let uris = [
            "tcp://\(host):443", "udp://\(host):3478", "tls://\(host):443", "https://\(host)/", "wss://\(host)/ws",
            "dns:name.netready.test", "stun:\(host):3478", "turn:\(host):3478?transport=tcp", "sip:\(host):5060",
            "sip:\(host):5060;transport=tcp", "rtp://\(host):5004?duration=1s", "tcp://name.netready.test:443",
        ]
        let output = try await NetReadyBinary.run(
            ["check"] + uris + [
                "--format", "json", "--samples", "1", "--timeout", "1s", "--resolver", "10.97.0.53",
                "--egress-server", "http://\(host)/ip", "--egress-connections", "2",
            ],
            prefix: namespace.execPrefix)
        #expect(output.status == 1, "stderr: \(output.stderr.suffix(600))")
        #expect(!output.stderr.contains("Fatal error"), "\(output.stderr.suffix(600))")
        let probes = try ReportProbes(output)
        for uri in uris {
            let status = probes[uri]?["status"] as? String
            #expect(status == "fail" || status == "error", "\(uri): \(probes[uri] ?? [:])")
        }
    }

    @Test func sigintStillWritesAnIncompleteReport() async throws {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return
        }
        // ip(8) calls block: not on the cooperative pool.
        let namespace = try await onOwnThread { try BlackholeNamespace() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nr-int-\(UUID().uuidString).ndjson")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = ChildProcess(
            namespace.execPrefix[0],
            Array(namespace.execPrefix.dropFirst()) + [
                NetReadyBinary.path, "check", "tcp://127.0.0.1:1", "tcp://\(namespace.silentAddress(1)):443",
                "--timeout", "20s", "--samples", "1", "--format", "ndjson", "-o", path,
            ])
        try process.run()
        // Interrupted once the refused probe is written (ndjson streams each probe as it ends): the
        // file's first line is the readiness signal, with a deadline far beyond a loaded machine's delays.
        let written = Date().addingTimeInterval(60)
        while (try? String(contentsOfFile: path, encoding: .utf8))?.contains("\n") != true && Date() < written {
            try await Task.sleep(for: .milliseconds(20))
        }
        process.interrupt()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { process.terminate() }
        try await onOwnThread { process.waitUntilExit() }
        #expect(process.terminationStatus == 130)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        // The finished probe (refused) is there, then the summary, marked incomplete.
        #expect(lines.first??["reason"] as? String == "tcp.refused")
        #expect(lines.last??["type"] as? String == "summary")
        #expect(lines.last??["incomplete"] as? Bool == true)
    }
}
