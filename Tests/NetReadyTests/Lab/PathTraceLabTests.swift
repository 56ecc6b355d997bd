import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `--trace-blocked` through the lab's router (client 10.77.1.2 → router 10.77.1.1 → far 198.18.0.x), checked
    /// against Linux traceroute's TCP SYN (`-T`) and UDP (`-U`) modes to the same port from the same namespace.
    @Suite(.timeLimit(.minutes(5))) struct PathTraceLabTests {
        /// One blocked destination: what the path finding must say, and traceroute's mode.
        struct Case: Sendable, CustomTestStringConvertible {
            let uri: String
            let outcome: String
            let finding: String
            var testDescription: String { "\(uri) → \(finding)" }
        }

        static let cases: [Case] = [
            Case(uri: "tcp://198.18.0.20:443", outcome: "silent", finding: "path stops after hop 1 (10.77.1.1)"),
            Case(uri: "udp://198.18.0.23:9000", outcome: "silent", finding: "path stops after hop 1 (10.77.1.1)"),
            Case(
                uri: "tcp://198.18.0.22:443", outcome: "rejected",
                finding: "rejected by 10.77.1.1 at hop 1 (admin prohibited, ICMP type 3 code 13)"),
        ]

        @Test(arguments: cases)
        func blockedDestinationNamesWhereThePathStopsAndAgreesWithTraceroute(_ check: Case) async throws {
            let output = try await Lab.netready([
                "check", check.uri, "--format", "json", "--samples", "1", "--timeout", "1s",
            ])
            #expect(output.status == 1, "stderr: \(output.stderr)")
            let probe = try #require(try ReportProbes(output)[check.uri])
            let message = try #require(probe["message"] as? String)
            #expect(message.hasSuffix("; " + check.finding), "message: \(message)")
            let details = try #require(probe["details"] as? [String: Any])
            let path = try #require(details["path"] as? [String: Any], "details: \(details)")
            #expect(path["finding"] as? String == check.finding)
            #expect(path["outcome"] as? String == check.outcome)
            #expect(path["stops_after_hop"] as? Int == 1)
            #expect(path["stops_after_address"] as? String == "10.77.1.1")

            let hops = try Self.hopAddresses(path)
            let traceroute = try await Self.traceroute(check.uri)
            #expect(hops.first == "10.77.1.1")
            Self.expectAgreement(netready: hops, traceroute: traceroute)
        }

        @Test func rejectionIsTheICMPAdminProhibitedFromTheRouterOneTTLPastItsOwnHop() async throws {
            let output = try await Lab.netready(["trace", "tcp://198.18.0.22:443", "--format", "json"])
            #expect(output.status == 1)
            let path = try output.json()
            let hops = try #require(path["hops"] as? [[String: Any]])
            #expect(hops.count == 2)
            #expect(hops.last?["answer"] as? String == "admin-prohibited")
            let icmp = try #require(hops.last?["icmp"] as? [String: Any])
            #expect(icmp["type"] as? Int == 3 && icmp["code"] as? Int == 13)
            // traceroute marks the same answer "!X" (communication administratively prohibited) at TTL 2.
            let traceroute = try await Self.run(
                ["traceroute", "-T", "-p", "443", "-n", "-q", "1", "-w", "1", "-m", "5"], "198.18.0.22")
            #expect(traceroute.contains("10.77.1.1") && traceroute.contains("!X"), "traceroute: \(traceroute)")
        }

        @Test func reachableDestinationIsReachedAtHopTwoLikeTraceroute() async throws {
            let output = try await Lab.netready(["trace", "tcp://198.18.0.2:80", "--format", "json"])
            #expect(output.status == 0, "stderr: \(output.stderr) stdout: \(output.stdout)")
            let path = try output.json()
            #expect(path["finding"] as? String == "reached the destination at hop 2")
            #expect(path["outcome"] as? String == "reached")
            let hops = try Self.hopAddresses(path)
            #expect(hops == ["10.77.1.1", "198.18.0.2"])
            #expect(try await Self.traceroute("tcp://198.18.0.2:80") == hops)

            let udp = try await Lab.netready(["trace", "udp://198.18.0.2:9000", "--format", "json"])
            let udpHops = try Self.hopAddresses(try udp.json())
            #expect(udpHops == ["10.77.1.1", "198.18.0.2"])
            #expect(try await Self.traceroute("udp://198.18.0.2:9000") == udpHops)
        }

        @Test func resetComesFromTheDestinationAddressAtHopTwo() async throws {
            let output = try await Lab.netready([
                "check", "tcp://198.18.0.21:443", "--format", "json", "--samples", "1", "--timeout", "1s",
            ])
            let probe = try #require(try ReportProbes(output)["tcp://198.18.0.21:443"])
            let path = try #require((probe["details"] as? [String: Any])?["path"] as? [String: Any])
            #expect(path["outcome"] as? String == "reset")
            #expect(try Self.hopAddresses(path) == ["10.77.1.1", "198.18.0.21"])
        }

        @Test func noTraceBlockedLeavesDetailsWithoutAPath() async throws {
            let output = try await Lab.netready([
                "check", "tcp://198.18.0.20:443", "--no-trace-blocked", "--format", "json", "--samples", "1",
                "--timeout", "1s",
            ])
            let probe = try #require(try ReportProbes(output)["tcp://198.18.0.20:443"])
            #expect(probe["reason"] as? String == "tcp.timeout")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["path"] == nil)
            #expect((probe["message"] as? String)?.contains("path") == false)
        }

        @Test func manyBlockedDestinationsAreTracedTogether() async throws {
            // Twenty dropped and rejected destinations with a 5 s timeout: one probe timeout plus about one hop
            // timeout for all traces together, not twenty traces one after another.
            let uris =
                (0..<10).map { "tcp://198.18.0.20:\(2000 + $0)" } + (0..<5).map { "udp://198.18.0.23:\(9100 + $0)" }
                + (0..<5).map { "tcp://198.18.0.22:\(2100 + $0)" }
            let start = ContinuousClock.now
            let output = try await Lab.netready(
                ["check"] + uris + ["--format", "json", "--samples", "1", "--timeout", "5s"])
            let elapsed = ContinuousClock.now - start
            let probes = try ReportProbes(output)
            for uri in uris {
                let path = (probes[uri]?["details"] as? [String: Any])?["path"] as? [String: Any]
                #expect(path?["stops_after_address"] as? String == "10.77.1.1", "\(uri): \(path ?? [:])")
            }
            // With a 5 s timeout: 5 s plus one 1 s hop wave together; traces one after another would
            // take 25 s and more. 15 s leaves the difference to a loaded machine.
            #expect(elapsed < .seconds(15), "took \(elapsed)")
        }

        // MARK: helpers

        /// The hop addresses of a `details.path` (`"*"` for a silent hop).
        static func hopAddresses(_ path: [String: Any]) throws -> [String] {
            let hops = try #require(path["hops"] as? [[String: Any]])
            return hops.compactMap { $0["address"] as? String }
        }

        /// Hop addresses of `traceroute -T` (TCP URI) or `-U` (UDP URI) to the URI's port, one probe per hop.
        static func traceroute(_ uri: String) async throws -> [String] {
            let parts = uri.split(separator: "/").last!.split(separator: ":")
            let mode = uri.hasPrefix("tcp") ? "-T" : "-U"
            let text = try await run(
                ["traceroute", mode, "-p", String(parts[1]), "-n", "-q", "1", "-w", "1", "-m", "5"], String(parts[0]))
            // " 1  10.77.1.1  0.179 ms", " 2  *", " 2  10.77.1.1  0.010 ms !X"; the first line is the header.
            return text.split(separator: "\n").dropFirst().compactMap { line in
                let fields = line.split(separator: " ")
                guard fields.count >= 2, Int(fields[0]) != nil else { return nil }
                return String(fields[1])
            }
        }

        static func run(_ command: [String], _ host: String) async throws -> String {
            let output = try await Lab.exec(command + [host])
            #expect(output.status == 0, "\(command): \(output.stderr)")
            return output.stdout
        }

        /// netready's hops and traceroute's agree TTL by TTL, as far as both went.
        static func expectAgreement(netready: [String], traceroute: [String]) {
            #expect(!traceroute.isEmpty)
            let common = min(netready.count, traceroute.count)
            #expect(
                Array(netready.prefix(common)) == Array(traceroute.prefix(common)),
                "netready \(netready) vs traceroute \(traceroute)")
        }
    }
}
