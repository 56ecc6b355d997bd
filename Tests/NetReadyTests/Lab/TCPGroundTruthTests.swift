import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// TCP verdicts through the lab's corporate firewall, checked against nmap's view of the same
    /// ports from the same namespace (`nmap -sT -Pn --reason`).
    @Suite(.timeLimit(.minutes(5))) struct TCPGroundTruthTests {
        /// One firewall case: the URI, netready's expected reason, and nmap's expected state and reason.
        struct Case: Sendable, CustomTestStringConvertible {
            let address: String
            let port: Int
            let reason: String?
            let nmapState: String
            let nmapReason: String
            var uri: String { "tcp://\(address):\(port)" }
            var testDescription: String { "\(uri) → \(reason ?? "pass")" }
        }

        static let cases: [Case] = [
            Case(address: "198.18.0.2", port: 8000, reason: nil, nmapState: "open", nmapReason: "syn-ack"),
            Case(
                address: "198.18.0.2", port: 8010, reason: "tcp.refused", nmapState: "closed",
                nmapReason: "conn-refused"),
            Case(
                address: "198.18.0.20", port: 443, reason: "tcp.timeout", nmapState: "filtered",
                nmapReason: "no-response"),
            Case(
                address: "198.18.0.21", port: 443, reason: "tcp.refused", nmapState: "closed",
                nmapReason: "conn-refused"),
            // nmap's connect scan only sees EHOSTUNREACH; netready reads the ICMP code from the error queue.
            Case(
                address: "198.18.0.22", port: 443, reason: "tcp.prohibited", nmapState: "filtered",
                nmapReason: "host-unreach"),
        ]

        @Test(arguments: cases)
        func firewallCaseGivesTheSpecReasonAndAgreesWithNmap(_ check: Case) async throws {
            let output = try await Lab.netready([
                "check", check.uri, "--format", "json", "--samples", "2", "--timeout", "1s",
            ])
            #expect(output.status == (check.reason == nil ? 0 : 1), "stderr: \(output.stderr)")
            let probe = try #require(try ReportProbes(output)[check.uri])
            #expect(probe["reason"] as? String == check.reason, "message: \(probe["message"] ?? "")")

            let nmap = try await Lab.exec([
                "nmap", "-sT", "-Pn", "-n", "--reason", "-p", "\(check.port)", "-oG", "-", check.address,
            ])
            let line = try #require(
                nmap.stdout.split(separator: "\n").first { $0.contains("Ports:") }, "nmap: \(nmap.stdout)")
            // Greppable format: "Ports: 443/filtered/tcp//https///"; the reason comes from normal output.
            #expect(line.contains("\(check.port)/\(check.nmapState)/tcp"), "nmap said: \(line)")
            let verbose = try await Lab.exec([
                "nmap", "-sT", "-Pn", "-n", "--reason", "-p", "\(check.port)", check.address,
            ])
            #expect(verbose.stdout.contains(check.nmapReason), "nmap said: \(verbose.stdout)")
        }

        @Test func prohibitedNamesTheRouterThatSentTheICMP() async throws {
            let output = try await Lab.netready([
                "check", "tcp://198.18.0.22:443", "--format", "json", "--samples", "1",
            ])
            let probe = try #require(try ReportProbes(output)["tcp://198.18.0.22:443"])
            let message = try #require(probe["message"] as? String)
            #expect(message.contains("10.77.1.1"), "message: \(message)")
            #expect(message.contains("code 13"))
        }

        @Test func namesResolveThroughTheLabDNS() async throws {
            let output = try await Lab.netready([
                "check", "tcp://good.lab.netready.test:8000", "--format", "json", "--samples", "1", "-4",
            ])
            #expect(output.status == 0, "\(output.stderr)")
            let probe = try #require(try ReportProbes(output)["tcp://good.lab.netready.test:8000"])
            #expect(probe["status"] as? String == "pass")
            #expect(probe["address"] as? String == "198.18.0.2:8000")
        }

        @Test func unknownNameFailsWithADNSReason() async throws {
            let output = try await Lab.netready([
                "check", "tcp://missing.lab.netready.test:443", "--format", "json", "--samples", "1",
            ])
            #expect(output.status == 1)
            let probe = try #require(try ReportProbes(output)["tcp://missing.lab.netready.test:443"])
            #expect(probe["reason"] as? String == "dns.nxdomain", "message: \(probe["message"] ?? "")")
        }

        @Test func sinkholedNameFailsWithDNSSinkhole() async throws {
            let output = try await Lab.netready([
                "check", "tcp://sinkhole.lab.netready.test:443", "--format", "json", "--samples", "1",
            ])
            let probe = try #require(try ReportProbes(output)["tcp://sinkhole.lab.netready.test:443"])
            #expect(probe["reason"] as? String == "dns.sinkhole")
        }

        @Test func ipv6ProhibitedAndDroppedAreNamed() async throws {
            let output = try await Lab.netready([
                "check", "tcp://[fd77:ff::22]:443", "tcp://[fd77:ff::20]:443", "tcp://[fd77:ff::2]:8000",
                "--format", "json", "--samples", "1", "--timeout", "1s",
            ])
            let probes = try ReportProbes(output)
            #expect(probes["tcp://[fd77:ff::22]:443"]?["reason"] as? String == "tcp.prohibited")
            #expect(probes["tcp://[fd77:ff::20]:443"]?["reason"] as? String == "tcp.timeout")
            #expect(probes["tcp://[fd77:ff::2]:8000"]?["status"] as? String == "pass")
        }

        @Test func mixedRangeIsCountedPerState() async throws {
            // 8000-8009 listen, 8010-8019 do not: ten open, ten refused.
            let output = try await Lab.netready(["check", "tcp://198.18.0.2:8000-8019", "--format", "json"])
            let probe = try #require(try ReportProbes(output)["tcp://198.18.0.2:8000-8019"])
            let details = try #require(probe["details"] as? [String: Any])
            let ports = try #require(details["ports"] as? [String: Any])
            #expect(ports["open"] as? String == "8000-8009")
            #expect(ports["refused"] as? String == "8010-8019")
            #expect(probe["reason"] as? String == "tcp.refused")
        }

        @Test func silentDropsAreWaitedOnTogether() async throws {
            // Twenty dropped ports with a 5 s timeout take about one timeout (5 s), not twenty (100 s);
            // 5 s rather than 1 s so that a loaded machine's delays stay far from the serial figure.
            let start = Date()
            let output = try await Lab.netready([
                "check", "tcp://198.18.0.20:1000-1019", "--format", "json", "--timeout", "5s",
            ])
            let elapsed = Date().timeIntervalSince(start)
            let probe = try #require(try ReportProbes(output)["tcp://198.18.0.20:1000-1019"])
            #expect(probe["reason"] as? String == "tcp.timeout")
            #expect(.seconds(elapsed) < TimeBound.notHung(after: .seconds(5)), "took \(elapsed) s")
        }
    }
}
