import Foundation
import Testing

extension LabTests {
    /// `icmp:` in the lab: echo through the router, the router's admin-prohibited named, silence
    /// timed out, permissions degrading to a clear error, and injected delay measured like ping.
    @Suite(.timeLimit(.minutes(5))) struct ICMPLabTests {
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
            // nr-client allows ping sockets for every group (ping_group_range), so nobody can ping there.
            // nobody runs a copy in /tmp, from there: the checkout may be out of its reach (0700).
            let copy = try ReadableInstall()
            defer { copy.remove() }
            let output = try await Lab.exec([
                "runuser", "-u", "nobody", "--", "/usr/bin/env", "-C", copy.root.path, copy.binary, "check",
                "icmp:198.18.0.2", "--samples", "1", "--format", "json",
            ])
            let probe = try #require(try ReportProbes(output)["icmp:198.18.0.2"])
            #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? output.stderr)")
            #expect((probe["details"] as? [String: Any])?["socket"] as? String == "datagram")
        }

        @Test func withoutPermissionTheResultIsAClearError() async throws {
            // A namespace of our own with ping sockets off and an unprivileged user: no ICMP socket at all.
            let namespace = "nr-icmp-noperm-\(getpid())"
            let copy = try ReadableInstall()
            defer { copy.remove() }
            try await Lab.run("/usr/sbin/ip", ["netns", "add", namespace], timeoutSeconds: 10)
            defer { _ = try? BlackholeNamespace.shell("ip netns del \(namespace)") }
            _ = try await Lab.run(
                "/usr/sbin/ip", ["netns", "exec", namespace, "sysctl", "-qw", "net.ipv4.ping_group_range=1 0"],
                timeoutSeconds: 10)
            _ = try await Lab.run("/usr/sbin/ip", ["-n", namespace, "link", "set", "lo", "up"], timeoutSeconds: 10)
            let output = try await Lab.run(
                "/usr/sbin/ip",
                [
                    "netns", "exec", namespace, "runuser", "-u", "nobody", "--", "/usr/bin/env", "-C",
                    copy.root.path, copy.binary, "check", "icmp:127.0.0.1",
                    "--samples", "1", "--format", "json",
                ], timeoutSeconds: 30)
            let probe = try #require(try ReportProbes(output)["icmp:127.0.0.1"])
            #expect(probe["status"] as? String == "error")
            let message = try #require(probe["message"] as? String)
            #expect(message.contains("ping_group_range") && message.contains("cap_net_raw"), "\(message)")
        }

        @Test func injectedDelayIsMeasuredLikePingInTheSameRun() async throws {
            // netready and ping side by side, so both see the same delay and the same machine load.
            let (output, ping) = try await Lab.with(["delay", "20"], restoring: ["delay", "0"]) {
                async let netready = Lab.netready(["check", "icmp:198.18.0.30", "--format", "json", "--samples", "20"])
                async let reference = PingReference.measure("198.18.0.30", count: 20, interval: 0.05)
                return try await (netready, reference)
            }
            let probe = try #require(try ReportProbes(output)["icmp:198.18.0.30"])
            let p50 = try #require((probe["latency_ms"] as? [String: Any])?["p50"] as? Double)
            // Load only ever adds time: 20 ms injected is a floor. The ceiling is ping's median in the
            // same run, within 4 standard errors of its measured spread (0.5 ms on an idle machine).
            let tolerance = ping.tolerance(floor: 0.5)
            #expect(p50 >= 19.8, "netready p50 \(p50) ms with 20 ms injected")
            #expect(
                abs(p50 - ping.median) <= tolerance,
                "netready p50 \(p50) ms, ping median \(ping.median) ms, tolerance \(tolerance) ms")
        }
    }
}
