import Foundation
import NetReadyPosix
import NetReadyTestSupport
import Testing

/// A resolver that cannot be reached at all (the kernel answers with ICMP port unreachable) is
/// `dns.unreachable` as soon as the ICMP error arrives, not `dns.timeout` after every try.
@Suite(.timeLimit(.minutes(2))) struct DNSUnreachableTests {
    @Test func aResolverPortNobodyListensOnIsUnreachableWithoutWaitingForTheTimeout() async throws {
        // A UDP port that was free a moment ago: bind, read the port, close.
        let probe = try Socket.open(family: .inet, type: .datagram) { (socket) throws(IOError) in
            try socket.bind(to: try! SocketAddress(ip: "127.0.0.1", port: 0))
        }
        let port = try probe.localAddress().port
        probe.close()
        let output = try await NetReadyBinary.run([
            "check", "dns:example.test", "--resolver", "127.0.0.1:\(port)", "--samples", "1", "--timeout", "20s",
            "--format", "json",
        ])
        #expect(output.status == 1, "\(output.stderr)")
        let probes = try ReportProbes(output)
        let result = try #require(probes["dns:example.test"])
        #expect(result["reason"] as? String == "dns.unreachable", "\(result)")
        #expect((result["message"] as? String)?.contains("unreachable") == true)
        // Two tries of half the 20 s timeout would take 20 s: the ICMP error ends the wait long before.
        let duration = try #require(try output.json()["duration_ms"] as? Double)
        #expect(duration < 10_000, "took \(duration) ms")
    }
}
