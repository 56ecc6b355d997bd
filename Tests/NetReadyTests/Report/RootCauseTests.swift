import Foundation
import NetReadyTestSupport
import Testing

/// Many probes failing for one reason are explained once (`summary.root_causes[]`, one table line): a real
/// unreachable resolver (nothing listens on the loopback of a fresh namespace) and a namespace with no route out.
@Suite(.timeLimit(.minutes(2))) struct RootCauseTests {
    static let names = [
        "tcp://a.example.test:443", "tcp://b.example.test:443", "https://c.example.test/", "dns:d.example.test",
    ]

    func run(_ arguments: [String]) async throws -> (json: [String: Any], table: String)? {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return nil
        }
        // ip(8) calls block: not on the cooperative pool.
        let namespace = try await onOwnThread { try BlackholeNamespace() }
        let json = try await NetReadyBinary.run(
            ["check"] + arguments + ["--format", "json", "--no-trace-blocked"], prefix: namespace.execPrefix)
        let table = try await NetReadyBinary.run(
            ["check"] + arguments + ["--format", "table", "--no-trace-blocked"], prefix: namespace.execPrefix)
        return (try json.json(), table.stdout)
    }

    @Test func anUnreachableResolverIsSaidOnce() async throws {
        guard let (json, table) = try await run(Self.names + ["--resolver", "127.0.0.1"]) else { return }
        let summary = try #require(json["summary"] as? [String: Any])
        let causes = try #require(summary["root_causes"] as? [[String: Any]])
        #expect(causes.count == 1)
        #expect(causes.first?["reason"] as? String == "dns.unreachable")
        #expect(causes.first?["probes"] as? [String] == Self.names)
        let message = causes.first?["message"] as? String ?? ""
        #expect(message.contains("127.0.0.1") && message.hasSuffix("4 probes could not start"), "\(message)")
        #expect(table.components(separatedBy: "root cause:").count == 2, "\(table)")
        #expect(!table.contains("blocked:"), "\(table)")
    }

    @Test func noRouteOutIsSaidOnce() async throws {
        let addresses = ["tcp://192.0.2.1:443", "tcp://192.0.2.2:443", "tcp://192.0.2.3:5061"]
        guard let (json, table) = try await run(addresses) else { return }
        let causes = try #require((json["summary"] as? [String: Any])?["root_causes"] as? [[String: Any]])
        #expect(causes.count == 1)
        #expect((causes.first?["message"] as? String)?.hasPrefix("no route to the destinations") == true)
        #expect(causes.first?["probes"] as? [String] == addresses)
        #expect(table.contains("root cause: no route to the destinations"), "\(table)")
    }
}
