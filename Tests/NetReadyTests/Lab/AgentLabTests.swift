import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `netready serve` in the user subnet: each run's egress discovery reaches /metrics, so a monitoring
    /// team sees a rotating NAT pool on its dashboards.
    @Suite(.timeLimit(.minutes(5))) struct AgentLabTests {
        @Test func servedMetricsCarryTheRotatingEgressPool() async throws {
            try await Lab.ensureUp()
            let port = 19_471
            let agent = ChildProcess(
                "/usr/sbin/ip",
                [
                    "netns", "exec", Lab.client, NetReadyBinary.path, "serve", "tcp://198.18.0.2:80",
                    "--egress-server", "http://198.18.0.2/ip", "--egress-connections", "6", "--samples", "1",
                    "--interval", "2s", "--listen", "127.0.0.1:\(port)",
                ])
            let devNull = try #require(FileHandle(forWritingAtPath: "/dev/null"))
            agent.standardOutput = devNull
            agent.standardError = devNull
            try agent.run()
            defer {
                agent.terminate()
                Thread { agent.waitUntilExit() }.start()
            }
            var metrics = ""
            // Polled until the first egress run is in, with a deadline far beyond its few seconds.
            let deadline = ContinuousClock.now + .seconds(60)
            while !metrics.contains("netready_egress_stable") && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(250))
                metrics =
                    (try? await Lab.exec(["curl", "-s", "--max-time", "2", "http://127.0.0.1:\(port)/metrics"]))?
                    .stdout ?? ""
            }
            #expect(metrics.contains("netready_probe_success{target=\"tcp://198.18.0.2:80\""))
            #expect(metrics.contains("netready_egress_stable 0"), "\(metrics)")
            #expect(metrics.contains("netready_egress_addresses{family=\"ipv4\"} 3"), "\(metrics)")
            for ip in ["198.18.0.11", "198.18.0.12", "198.18.0.13"] {
                #expect(metrics.contains("netready_egress_address_connections{ip=\"\(ip)\""), "\(ip) missing")
            }
        }
    }
}
