import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

/// A run under a low `ulimit -n` adapts its in-flight budget instead of failing attempts with EMFILE (issue 20).
@Suite(.timeLimit(.minutes(10))) struct OpenFileLimitTests {
    @Test func concurrencyFitsTheDescriptorLimit() {
        #expect(ProbeBudget.concurrency(1024, openFileLimit: 256) == 192)
        #expect(ProbeBudget.descriptorCapacity(openFileLimit: 256) == 192)
        #expect(ProbeBudget.descriptorCapacity(openFileLimit: Int.max) == Int.max)
        #expect(ProbeBudget.concurrency(50, openFileLimit: 256) == 50)
        #expect(ProbeBudget.concurrency(1024, openFileLimit: 1 << 20) == 1024)
        #expect(ProbeBudget.concurrency(1024, openFileLimit: Int.max) == 1024)
        #expect(ProbeBudget.concurrency(1024, openFileLimit: 10) == 1)
    }

    /// 5,001 loopback ports under `ulimit -n 256` (soft and hard, so netready cannot raise it): every port
    /// is classified, none is a local error.
    @Test func fiveThousandProbesUnderUlimit256HaveNoErrors() async throws {
        let output = try await NetReadyBinary.run(
            ["check", "tcp://127.0.0.1:20000-25000", "--format", "json", "--samples", "1"],
            prefix: ["/bin/bash", "-c", "ulimit -n 256 && exec \"$@\"", "netready"], timeoutSeconds: 120)
        let report = try output.json()
        let targets = try #require(report["targets"] as? [[String: Any]])
        let probes = targets.flatMap { $0["probes"] as? [[String: Any]] ?? [] }
        let probe = try #require(probes.first)
        #expect(probe["status"] as? String != "error", "\(probe["message"] ?? "")")
        #expect(!(probe["message"] as? String ?? "").contains("local error"), "\(probe["message"] ?? "")")
    }

    /// 5,000 separate probes (TCP open and refused, UDP, HTTP through libcurl) under `ulimit -n 256`: every one
    /// is classified, none is an `error` (EMFILE or any other local failure), none is left unfinished.
    @Test func fiveThousandMixedProbesUnderUlimit256HaveNoErrors() async throws {
        let load = try ProbeLoad(probes: 5_000)
        defer { load.stop() }
        let output = try await NetReadyBinary.run(
            ["check", load.path, "--format", "json", "--no-trace-blocked"],
            prefix: ["/bin/bash", "-c", "ulimit -n 256 && exec \"$@\"", "netready"], timeoutSeconds: 540)
        #expect([0, 1].contains(output.status), "stderr: \(output.stderr.suffix(600))")
        let (probes, counts) = try ProbeLoad.statuses(output)
        #expect(probes.count == load.count, "\(counts)")
        let firstError = probes.first { $0["status"] as? String == "error" } ?? [:]
        #expect(counts["error", default: 0] == 0, "\(counts); first: \(firstError)")
        #expect(counts["skip", default: 0] == 0, "\(counts)")
        #expect(counts["pass", default: 0] > 0, "\(counts)")
    }
}
