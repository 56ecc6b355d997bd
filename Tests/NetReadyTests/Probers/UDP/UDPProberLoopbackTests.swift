import Foundation
import NetReadyPosix
import Testing

/// The UDP prober, through the built binary, against loopback sockets whose answer the test decides: an echo
/// server (open), a port nobody holds (the kernel's ICMP port-unreachable: path open), and a bound socket that
/// never reads (silence: filtered).
@Suite(.timeLimit(.minutes(3))) struct UDPProberLoopbackTests {
    /// An echo server, a silent socket and a free port on consecutive ports P, P+1, P+2 of 127.0.0.1.
    final class Ports: Sendable {
        let echo: LoopbackUDPServer
        let silent: Socket
        let free: UInt16

        var open: UInt16 { echo.address.port }
        var filtered: UInt16 { (try? silent.localAddress().port) ?? 0 }

        init() throws {
            for _ in 0..<100 {
                let echo = try LoopbackUDPServer { [LoopbackUDPServer.Reply(bytes: $0.bytes)] }
                let base = echo.address.port
                guard base < UInt16.max - 2 else {
                    echo.stop()
                    continue
                }
                let silent = try Socket(family: .inet, type: .datagram)
                let probe = try Socket(family: .inet, type: .datagram)
                defer { probe.close() }
                // P+2 must be free now; bound and closed at once, nothing answers there but the kernel.
                if (try? silent.bind(to: SocketAddress(ip: "127.0.0.1", port: base + 1))) != nil,
                    (try? probe.bind(to: SocketAddress(ip: "127.0.0.1", port: base + 2))) != nil
                {
                    self.echo = echo
                    self.silent = silent
                    self.free = base + 2
                    return
                }
                silent.close()
                echo.stop()
            }
            throw POSIXError(.EADDRINUSE)
        }

        func stop() {
            echo.stop()
            silent.close()
        }
    }

    static func check(_ uri: String) async throws -> [String: Any] {
        let output = try await NetReadyBinary.run([
            "check", uri, "--format", "json", "--timeout", "1s", "--samples", "3",
        ])
        return try #require(try ReportProbes(output)[uri], "\(output.stderr)")
    }

    static func ports(_ probe: [String: Any]) -> [String: String] {
        (probe["details"] as? [String: Any])?["ports"] as? [String: String] ?? [:]
    }

    @Test func aReplyIsOpenWithRoundTrips() async throws {
        let ports = try Ports()
        defer { ports.stop() }
        let probe = try await Self.check("udp://127.0.0.1:\(ports.open)")
        #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
        #expect(Self.ports(probe) == ["open": "\(ports.open)"])
        let latency = try #require(probe["latency_ms"] as? [String: Any])
        #expect(latency["samples"] as? Int == 3)
    }

    @Test func portUnreachableFromTheHostIsAnOpenPath() async throws {
        let ports = try Ports()
        defer { ports.stop() }
        let probe = try await Self.check("udp://127.0.0.1:\(ports.free)")
        #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
        #expect(Self.ports(probe) == ["closed": "\(ports.free)"])
        #expect((probe["message"] as? String)?.contains("closed but reachable") == true)
    }

    @Test func silenceIsFiltered() async throws {
        let ports = try Ports()
        defer { ports.stop() }
        let probe = try await Self.check("udp://127.0.0.1:\(ports.filtered)")
        #expect(probe["status"] as? String == "fail")
        #expect(probe["reason"] as? String == "udp.filtered")
        #expect(Self.ports(probe)["filtered"] == "\(ports.filtered)")
    }

    @Test func aRangeReportsEachPortsState() async throws {
        let ports = try Ports()
        defer { ports.stop() }
        let probe = try await Self.check("udp://127.0.0.1:\(ports.open)-\(ports.free)")
        #expect(probe["reason"] as? String == "udp.filtered", "one silent port fails the range")
        let addresses = try #require((probe["details"] as? [String: Any])?["addresses"] as? [[String: Any]])
        let counts = try #require(addresses.first?["counts"] as? [String: Int])
        #expect(counts["open"] == 1 && counts["closed"] == 1 && counts["filtered"] == 1, "\(counts)")
        #expect(counts.values.reduce(0, +) == 3)
        let message = try #require(probe["message"] as? String)
        #expect(message.contains("path open on \(ports.open),\(ports.free)"), "\(message)")
        #expect(message.contains("\(ports.filtered) filtered"), "\(message)")
    }
}
