import Foundation
import Testing

extension LabTests {
    /// `icmp:` in the lab: echo through the router, the router's admin-prohibited named, silence
    /// timed out, permissions degrading to a clear error, and injected delay measured like ping.
    @Suite struct ICMPLabTests {
        @Test func echoPassesAndFailuresAreNamed() async throws {
            let uris = [
                "icmp:198.18.0.2", "icmp:198.18.0.20", "icmp:198.18.0.22", "icmp:fd77:ff::2", "icmp:fd77:ff::22",
            ]
            let output = try await Lab.netready(
                ["check"] + uris + ["--format", "json", "--samples", "2", "--timeout", "500ms"])
            let probes = try ReportProbes(output)
            #expect(probes["icmp:198.18.0.2"]?["status"] as? String == "pass")
            #expect(probes["icmp:fd77:ff::2"]?["status"] as? String == "pass")
            #expect(probes["icmp:198.18.0.20"]?["reason"] as? String == "icmp.timeout")
            #expect(probes["icmp:198.18.0.22"]?["reason"] as? String == "icmp.prohibited")
            #expect((probes["icmp:198.18.0.22"]?["message"] as? String)?.contains("10.77.1.1") == true)
            #expect(probes["icmp:fd77:ff::22"]?["reason"] as? String == "icmp.prohibited")
        }

        @Test func unprivilegedUserUsesPingSocketsWhereAllowed() async throws {
            // nr-client allows ping sockets for every group (ping_group_range), so nobody can ping there. The
            // binary is copied where nobody can run it, whatever the checkout's permissions. (Without ping
            // sockets, the clear error is checked on loopback: ICMPProberLoopbackTests.)
            let install = try ReadableInstall()
            defer { install.remove() }
            let output = try await Lab.exec([
                "runuser", "-u", "nobody", "--", install.binary, "check", "icmp:198.18.0.2",
                "--samples", "1", "--format", "json",
            ])
            let probe = try #require(try ReportProbes(output)["icmp:198.18.0.2"])
            #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? output.stderr)")
            #expect((probe["details"] as? [String: Any])?["socket"] as? String == "datagram")
        }

        @Test func injectedDelayIsMeasuredWithinHalfAMillisecondOfPing() async throws {
            try await Lab.control(["delay", "20"])
            let output = try await Lab.netready(["check", "icmp:198.18.0.30", "--format", "json", "--samples", "20"])
            let ping = try await Lab.exec(["ping", "-q", "-c", "20", "-i", "0.05", "198.18.0.30"])
            try await Lab.control(["delay", "0"])
            let probe = try #require(try ReportProbes(output)["icmp:198.18.0.30"])
            let p50 = try #require((probe["latency_ms"] as? [String: Any])?["p50"] as? Double)
            let stats = try #require(ping.stdout.split(separator: "\n").first { $0.contains("min/avg/max") })
            let pingAverage = try #require(
                Double(stats.split(separator: "=")[1].split(separator: "/")[1].trimmingCharacters(in: .whitespaces)))
            // 20 ms injected, on top of the path's own fraction of a millisecond; ping in the same run is
            // the close check.
            #expect((19.8...21).contains(p50), "netready p50 \(p50) ms")
            #expect(abs(p50 - pingAverage) <= 0.5, "netready p50 \(p50) ms, ping avg \(pingAverage) ms")
        }
    }
}
