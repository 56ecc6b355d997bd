import Foundation
import Testing

extension LabTests {
    /// The lab gives the answers each scenario intends, as reference tools see them from the client
    /// namespace: Tests/Lab/selftest checks dig, curl, openssl s_client, nmap, turnutils_stunclient,
    /// SIP OPTIONS, the rotating egress pool and the injected delay, and prints "N passed, N failed".
    @Suite struct LabSelfTests {
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

        @Test func injectedDelayShowsInPingWithinHalfAMillisecond() async throws {
            func averagePing() async throws -> Double {
                let output = try await Lab.exec(["ping", "-q", "-c", "20", "-i", "0.05", "198.18.0.30"])
                // rtt min/avg/max/mdev = 0.061/0.084/0.129/0.016 ms
                let stats = try #require(output.stdout.split(separator: "\n").first { $0.contains("min/avg/max") })
                let numbers = stats.split(separator: "=")[1].trimmingCharacters(in: .whitespaces).split(separator: "/")
                return try #require(Double(numbers[1]))
            }
            try await Lab.control(["delay", "0"])
            let baseline = try await averagePing()
            try await Lab.control(["delay", "20"])
            let delayed = try await averagePing()
            try await Lab.control(["delay", "0"])
            #expect(abs(delayed - baseline - 20) <= 0.5, "baseline \(baseline) ms, delayed \(delayed) ms")
        }
    }
}
