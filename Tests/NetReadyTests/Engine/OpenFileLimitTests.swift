import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

/// A run under a low `ulimit -n` adapts its in-flight budget instead of failing attempts with EMFILE (issue 20).
@Suite(.timeLimit(.minutes(3))) struct OpenFileLimitTests {
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
}
