import Foundation
import Testing

extension LabTests {
    /// The lab gives the answers each scenario intends, as reference tools see them from the client
    /// namespace: Tests/Lab/selftest checks dig, curl, openssl s_client, nmap, turnutils_stunclient,
    /// SIP OPTIONS, the rotating egress pool and the injected delay, and prints "N passed, N failed".
    @Suite(.timeLimit(.minutes(10))) struct LabSelfTests {
        @Test func referenceToolsGetTheIntendedAnswers() async throws {
            try await Lab.ensureUp()
            let script = NetReadyBinary.packageRoot.appendingPathComponent("Tests/Lab/selftest").path
            let output = try await Lab.run(script, [], timeoutSeconds: 300)
            let last = output.stdout.split(separator: "\n").last.map(String.init) ?? ""
            #expect(
                output.status == 0, "selftest failed:\n\(output.stdout.suffix(3000))\n\(output.stderr.suffix(2000))")
            #expect(last.hasSuffix(" 0 failed") || last.contains(", 0 failed"), "last line: \(last)")
        }

        @Test func httpEchoOverSixConnectionsSeesAllThreeEgressAddresses() async throws {
            try await Lab.control(["egress", "rotate"])
            var seen: Set<String> = []
            for _ in 0..<6 {
                let output = try await Lab.exec([
                    "curl", "-4", "-sS", "--max-time", "3", "http://echo.lab.netready.test/ip",
                ])
                seen.insert(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            #expect(seen == ["198.18.0.11", "198.18.0.12", "198.18.0.13"])
        }

        @Test func injectedDelayShowsInPing() async throws {
            try await Lab.control(["delay", "0"])
            let baseline = try await PingReference.measure("198.18.0.30", count: 20, interval: 0.05)
            let delayed = try await Lab.with(["delay", "20"], restoring: ["delay", "0"]) {
                try await PingReference.measure("198.18.0.30", count: 20, interval: 0.05)
            }
            // Medians, so one preempted reply cannot move the figure. Load only ever adds time, so
            // 20 ms is a floor; above it, 0.5 ms plus 4 standard errors of the measured spread.
            let added = delayed.median - baseline.median
            let tolerance = delayed.tolerance(floor: 0.5)
            #expect(
                added >= 19.5 && added <= 20 + tolerance,
                "baseline \(baseline.median) ms, delayed \(delayed.median) ms, tolerance \(tolerance) ms")
        }
    }
}
