import Foundation
import NetReadyTestSupport
import Testing

/// The ICMP prober against 127.0.0.1 inside a network namespace of the test's own, where the test sets
/// `net.ipv4.ping_group_range`: an unprivileged user gets a ping socket when the range allows it, root falls
/// back to a raw socket when it does not. Creating namespaces needs root; without it the tests say so.
@Suite(
    .timeLimit(.minutes(3)),
    .enabled(if: getuid() == 0, "creating a network namespace and running as nobody need root"))
struct ICMPProberLoopbackTests {
    /// A namespace with only `lo` up and the given ping group range.
    final class LoopbackNamespace: Sendable {
        let name: String

        init(pingGroupRange: String) throws {
            name = "nr-icmp-lo-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
            try BlackholeNamespace.shell("ip netns add \(name)")
            do {
                try BlackholeNamespace.shell("ip -n \(name) link set lo up")
                try BlackholeNamespace.shell(
                    "ip netns exec \(name) sysctl -qw net.ipv4.ping_group_range='\(pingGroupRange)'")
            } catch {
                _ = try? BlackholeNamespace.shell("ip netns del \(name)")
                throw error
            }
        }

        deinit { _ = try? BlackholeNamespace.shell("ip netns del \(name)") }
    }

    static func ping(in namespace: LoopbackNamespace, as user: String?, binary: String) async throws -> [String: Any] {
        let asUser = user.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []
        let command = ["/usr/sbin/ip", "netns", "exec", namespace.name] + asUser + [binary]
        let output = try await onOwnThread {
            let process = ChildProcess(
                command[0],
                Array(command.dropFirst()) + [
                    "check", "icmp:127.0.0.1", "--samples", "3", "--format", "json", "--timeout", "2s",
                ])
            return try process.runCapturing(timeoutSeconds: 60)
        }
        let report = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
        let targets = report["targets"] as? [[String: Any]] ?? []
        let probes = targets.flatMap { $0["probes"] as? [[String: Any]] ?? [] }
        return try #require(probes.first { $0["uri"] as? String == "icmp:127.0.0.1" }, "\(output.stderr)")
    }

    @Test func unprivilegedUserPingsThroughAPingSocket() async throws {
        let namespace = try LoopbackNamespace(pingGroupRange: "0 2147483647")
        let install = try ReadableInstall()
        defer { install.remove() }
        let probe = try await Self.ping(in: namespace, as: "nobody", binary: install.binary)
        #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
        #expect((probe["details"] as? [String: Any])?["socket"] as? String == "datagram")
        let latency = try #require(probe["latency_ms"] as? [String: Any])
        #expect(latency["samples"] as? Int == 3)
        withExtendedLifetime(namespace) {}
    }

    @Test func rootUsesARawSocketWhenPingSocketsAreOff() async throws {
        let namespace = try LoopbackNamespace(pingGroupRange: "1 0")
        let probe = try await Self.ping(in: namespace, as: nil, binary: NetReadyBinary.path)
        #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
        #expect((probe["details"] as? [String: Any])?["socket"] as? String == "raw")
        withExtendedLifetime(namespace) {}
    }

    @Test func unprivilegedUserWithoutPingSocketsGetsAClearError() async throws {
        let namespace = try LoopbackNamespace(pingGroupRange: "1 0")
        let install = try ReadableInstall()
        defer { install.remove() }
        let probe = try await Self.ping(in: namespace, as: "nobody", binary: install.binary)
        #expect(probe["status"] as? String == "error")
        let message = try #require(probe["message"] as? String)
        #expect(message.contains("ping_group_range") && message.contains("cap_net_raw"), "\(message)")
        withExtendedLifetime(namespace) {}
    }
}
