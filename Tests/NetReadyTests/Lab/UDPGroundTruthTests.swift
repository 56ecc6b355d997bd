import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// UDP verdicts through the lab's firewall, per port, against `nmap -sU` from the same namespace:
    /// netready open = nmap open, closed = closed, filtered (silence) = open|filtered, and an ICMP
    /// error from the router (rejected, prohibited) = filtered.
    @Suite(.timeLimit(.minutes(5))) struct UDPGroundTruthTests {
        static let hosts = ["198.18.0.2", "198.18.0.23", "198.18.0.21", "198.18.0.22"]
        static let nmapStateFor = [
            "open": "open", "closed": "closed", "filtered": "open|filtered", "rejected": "filtered",
            "prohibited": "filtered",
        ]

        @Test func everyPortAgreesWithNmap() async throws {
            let uris = Self.hosts.map { "udp://\($0):9000-9019" }
            let output = try await Lab.netready(["check"] + uris + ["--format", "json", "--timeout", "1s"])
            let probes = try ReportProbes(output)

            let nmap = try await Lab.exec(
                ["nmap", "-sU", "-T4", "-Pn", "-n", "-p", "9000-9019", "-oG", "-"] + Self.hosts)
            var nmapStates: [String: String] = [:]  // "host:port" → state
            for line in nmap.stdout.split(separator: "\n") where line.contains("Ports:") {
                let host = String(line.split(separator: " ")[1])
                let ports = line.components(separatedBy: "Ports: ")[1].components(separatedBy: ", ")
                for entry in ports {
                    let fields = entry.split(separator: "/", omittingEmptySubsequences: false)
                    nmapStates["\(host):\(fields[0])"] = String(fields[1])
                }
            }
            var compared = 0
            for host in Self.hosts {
                let probe = try #require(probes["udp://\(host):9000-9019"])
                let lists = try #require((probe["details"] as? [String: Any])?["ports"] as? [String: String])
                for (state, list) in lists {
                    for port in Self.expand(list) {
                        let expected = Self.nmapStateFor[state]
                        #expect(nmapStates["\(host):\(port)"] == expected, "\(host):\(port) netready \(state)")
                        compared += 1
                    }
                }
            }
            #expect(compared == 80)
            #expect(probes["udp://198.18.0.2:9000-9019"]?["status"] as? String == "pass")
            #expect(probes["udp://198.18.0.23:9000-9019"]?["reason"] as? String == "udp.filtered")
            let prohibited = try #require(probes["udp://198.18.0.22:9000-9019"]?["message"] as? String)
            #expect(prohibited.contains("prohibited by 10.77.1.1"), "\(prohibited)")
            let rejected = try #require(probes["udp://198.18.0.21:9000-9019"]?["message"] as? String)
            #expect(rejected.contains("rejected on the way by 10.77.1.1"), "\(rejected)")
        }

        @Test func echoPortHasRoundTripPercentiles() async throws {
            let output = try await Lab.netready(["check", "udp://198.18.0.2:7", "--format", "json", "--samples", "5"])
            #expect(output.status == 0)
            let probe = try #require(try ReportProbes(output)["udp://198.18.0.2:7"])
            let latency = try #require(probe["latency_ms"] as? [String: Any])
            #expect(latency["samples"] as? Int == 5)
            #expect((latency["p99"] as? Double ?? 100) < 50)
        }

        @Test func tensOfThousandsOfPortsFinishQuickly() async throws {
            let start = Date()
            let output = try await Lab.netready(
                ["check", "udp://198.18.0.2:10000-29999", "--format", "json", "--timeout", "1s"], timeoutSeconds: 180)
            let elapsed = Date().timeIntervalSince(start)
            let probe = try #require(try ReportProbes(output)["udp://198.18.0.2:10000-29999"])
            #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
            // Scale, not speed: a bound for "finishes" on a loaded machine (seconds when idle).
            #expect(elapsed < 60, "20,000 ports took \(elapsed) s")
        }

        /// "9000-9009,9015" → [9000, ..., 9009, 9015]
        static func expand(_ list: String) -> [Int] {
            list.split(separator: ",").flatMap { part -> [Int] in
                let bounds = part.split(separator: "-").compactMap { Int($0) }
                return bounds.count == 2 ? Array(bounds[0]...bounds[1]) : bounds
            }
        }
    }
}
