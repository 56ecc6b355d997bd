import Foundation
import Testing

extension LabTests {
    /// `--source` / `--interface` apply to the lookups too: a run from a given subnet asks its resolver
    /// from that subnet, not only its probes.
    @Suite struct DNSSourceLabTests {
        static func probe(_ extra: [String]) async throws -> [String: Any] {
            let uri = "dns:good.lab.netready.test"
            let output = try await Lab.netready(
                ["check", uri, "--format", "json", "--samples", "1", "--timeout", "1s"] + extra)
            return try #require(try ReportProbes(output)[uri], "\(output.stdout)\(output.stderr)")
        }

        @Test func lookupsLeaveThroughTheGivenInterface() async throws {
            let through = try await Self.probe(["--interface", "c0"])
            #expect(through["status"] as? String == "pass", "\(through["message"] ?? "")")
            // Bound to lo, a query to 198.18.0.53 cannot leave: the option reached the lookup.
            let loopback = try await Self.probe(["--interface", "lo"])
            #expect(loopback["reason"] as? String == "dns.timeout", "\(loopback["message"] ?? "")")
        }

        @Test func lookupsLeaveFromTheGivenSourceAddress() async throws {
            let own = try await Self.probe(["--source", "10.77.1.2"])
            #expect(own["status"] as? String == "pass", "\(own["message"] ?? "")")
            // An address this host does not have is a usage error before any lookup (the kernel refused the bind).
            let foreign = try await Lab.netready(["check", "dns:good.lab.netready.test", "--source", "10.77.1.99"])
            #expect(foreign.status == 2)
            #expect(foreign.stderr.contains("--source 10.77.1.99 is not an address of this host"), "\(foreign.stderr)")
            #expect(foreign.stderr.contains("EADDRNOTAVAIL"), "\(foreign.stderr)")
        }
    }
}
