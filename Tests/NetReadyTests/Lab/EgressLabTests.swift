import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// Egress discovery against the lab router's SNAT pool (198.18.0.11-.13, rotating per new connection or
    /// sticky to .11), its HTTP echo (198.18.0.2/ip) and its "what is my address" DNS server (198.18.0.55),
    /// each checked against curl and dig run in the same namespace.
    @Suite(.timeLimit(.minutes(5))) struct EgressLabTests {
        static let pool: Set<String> = ["198.18.0.11", "198.18.0.12", "198.18.0.13"]
        static let echo = "http://198.18.0.2/ip"
        static let whoami = "dns:x.whoami?type=TXT&server=198.18.0.55"
        static let throughResolver = "dns:x.whoami.lab.netready.test?type=TXT"
        static let stun = "stun:198.18.0.2:3478"

        /// `netready egress ARGS --format json` in the client namespace: exit status and the egress section.
        static func egress(
            _ arguments: [String]
        ) async throws -> (status: Int32, egress: [String: Any], report: [String: Any]) {
            let output = try await Lab.netready(["egress", "--format", "json", "--timeout", "2s"] + arguments)
            let report = try output.json()
            let egress = try #require(report["egress"] as? [String: Any], "stdout: \(output.stdout) \(output.stderr)")
            return (output.status, egress, report)
        }

        /// Address → count of the egress section's `addresses`.
        static func counts(_ egress: [String: Any]) -> [String: Int] {
            let addresses = egress["addresses"] as? [[String: Any]] ?? []
            return Dictionary(
                uniqueKeysWithValues: addresses.map { ($0["ip"] as? String ?? "", $0["count"] as? Int ?? 0) })
        }

        /// The addresses a method (`http`, `dns`) saw.
        static func seen(by method: String, in egress: [String: Any]) -> Set<String> {
            let addresses = egress["addresses"] as? [[String: Any]] ?? []
            return Set(
                addresses.filter { ($0["via"] as? [String] ?? []).contains(method) }.compactMap { $0["ip"] as? String })
        }

        /// Ground truth: what curl, run `times` times (a new connection each), was told by the echo.
        static func curlSeen(times: Int) async throws -> [String] {
            var seen: [String] = []
            for _ in 0..<times {
                let output = try await Lab.exec(["curl", "-4", "-sS", "--max-time", "3", echo])
                seen.append(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            return seen
        }

        /// Ground truth: what dig was told by the what-is-my-address server, asked `server` directly.
        static func digSeen(server: String, name: String, times: Int) async throws -> [String] {
            var seen: [String] = []
            for _ in 0..<times {
                let output = try await Lab.exec(["dig", "+short", "+time=2", "+tries=1", "@\(server)", name, "TXT"])
                seen.append(output.stdout.trimmingCharacters(in: CharacterSet(charactersIn: "\"\n ")))
            }
            return seen
        }

        /// Ground truth: the reflexive address turnutils_stunclient was told by the lab's coturn.
        static func stunclientSeen() async throws -> String {
            // It prints the reflexive address at once, then waits for RFC 5780 answers the NAT drops: cut it short.
            let output = try await Lab.exec(["timeout", "2", "turnutils_stunclient", "198.18.0.2"], timeoutSeconds: 30)
            let line = output.stdout.split(separator: "\n").first { $0.contains("reflexive addr") } ?? ""
            return line.split(separator: " ").last.map { String($0.split(separator: ":")[0]) } ?? ""
        }

        /// Runs `body` with the pool sticky, and puts it back to rotating whatever happens.
        static func withStickyEgress(_ body: () async throws -> Void) async throws {
            try await Lab.control(["egress", "sticky"])
            do {
                try await body()
            } catch {
                try? await Lab.control(["egress", "rotate"])
                throw error
            }
            try await Lab.control(["egress", "rotate"])
        }

        @Test func aRotatingPoolShowsAllThreeAddressesAndIsUnstable() async throws {
            try await Lab.control(["egress", "rotate"])
            let run = try await Self.egress(["--server", Self.echo])
            #expect(run.status == 0)
            let counts = Self.counts(run.egress)
            #expect(Set(counts.keys) == Self.pool, "\(counts)")
            #expect(counts.values.reduce(0, +) == 10)
            #expect(run.egress["stable"] as? Bool == false)
            let notes = run.egress["notes"] as? [String] ?? []
            #expect(
                notes.contains { $0.hasPrefix("NAT pool rotates: 3 egress addresses seen over 10 connections") },
                "\(notes)")
            let curl = try await Self.curlSeen(times: 9)
            #expect(Set(curl) == Set(counts.keys), "curl saw \(curl)")

            let table = try await Lab.netready(["egress", "--server", Self.echo, "--format", "table"])
            #expect(table.stdout.contains("NOT STABLE (3 IPv4 addresses)"), "\(table.stdout)")
            for address in Self.pool { #expect(table.stdout.contains("  \(address)")) }
            #expect(table.stdout.contains("note: NAT pool rotates"))
        }

        @Test func aStickyPoolIsOneStableAddressThatHTTPDNSAndSTUNAgreeOn() async throws {
            try await Self.withStickyEgress {
                let run = try await Self.egress(["--server", Self.echo, "--server", Self.whoami, "--server", Self.stun])
                #expect(run.status == 0)
                #expect(Self.counts(run.egress) == ["198.18.0.11": 30])
                #expect(run.egress["stable"] as? Bool == true)
                #expect(Self.seen(by: "http", in: run.egress) == Self.seen(by: "dns", in: run.egress))
                #expect(Self.seen(by: "stun", in: run.egress) == Self.seen(by: "http", in: run.egress))
                #expect((run.egress["notes"] as? [String])?.isEmpty == true, "\(run.egress["notes"] ?? "")")
                let curl = try await Self.curlSeen(times: 3)
                let dig = try await Self.digSeen(server: "198.18.0.55", name: "x.whoami", times: 3)
                let stunclient = try await Self.stunclientSeen()
                #expect(
                    Set(curl + dig + [stunclient]) == ["198.18.0.11"], "curl \(curl), dig \(dig), stun \(stunclient)")
            }
        }

        @Test func httpEchoDirectDNSAndSTUNSeeTheSamePoolAndTheResolverIsKeptApart() async throws {
            try await Lab.control(["egress", "rotate"])
            let run = try await Self.egress([
                "--server", Self.echo, "--server", Self.whoami, "--server", Self.throughResolver, "--server", Self.stun,
            ])
            #expect(run.status == 0)
            #expect(Self.seen(by: "http", in: run.egress) == Self.pool)
            #expect(Self.seen(by: "dns", in: run.egress) == Self.pool)
            #expect(Self.seen(by: "stun", in: run.egress) == Self.pool)
            let resolvers = run.egress["resolver_addresses"] as? [[String: Any]] ?? []
            #expect(resolvers.compactMap { $0["ip"] as? String } == ["198.18.0.53"])
            #expect(resolvers.first?["count"] as? Int == 10)
            #expect(Self.counts(run.egress)["198.18.0.53"] == nil)
            #expect(run.egress["stable"] as? Bool == false)
            let dig = try await Self.digSeen(server: "198.18.0.55", name: "x.whoami", times: 6)
            #expect(Set(dig) == Self.pool, "dig saw \(dig)")
            let viaResolver = try await Self.digSeen(
                server: "198.18.0.53", name: "x.whoami.lab.netready.test", times: 1)
            #expect(viaResolver == ["198.18.0.53"])
        }

        @Test func anAllowListOfTwoOfTheThreeFailsNamingTheThird() async throws {
            try await Lab.control(["egress", "rotate"])
            let allowList = ["--expect-egress", "198.18.0.11/32", "--expect-egress", "198.18.0.12/32"]
            let run = try await Self.egress(["--server", Self.echo] + allowList)
            #expect(run.status == 1)
            let targets = run.report["targets"] as? [[String: Any]] ?? []
            let probe = try #require(
                (targets.first { $0["name"] as? String == "Egress allow-list" }?["probes"] as? [[String: Any]])?.first)
            #expect(probe["status"] as? String == "fail")
            #expect(probe["reason"] as? String == "egress.unexpected")
            #expect(
                probe["message"] as? String
                    == "egress 198.18.0.13 is outside the expected 198.18.0.11/32, 198.18.0.12/32")
            let summary = run.report["summary"] as? [String: Any] ?? [:]
            #expect(summary["verdict"] as? String == "not_ready")
        }

        /// The default profile's public what-is-my-address servers, run where they cannot be reached (the lab
        /// resolver refuses their names): named in the notes, exit 1, well within the timeout.
        @Test func theDefaultProfilesServersThatCannotBeReachedAreNamed() async throws {
            let started = ContinuousClock.now
            let output = try await Lab.netready(["egress", "--format", "json", "--timeout", "1s"])
            #expect(ContinuousClock.now - started < TimeBound.notHung(after: .seconds(1)))
            #expect(output.status == 1)
            let egress = try #require(try output.json()["egress"] as? [String: Any], "\(output.stderr)")
            #expect(egress["stable"] is NSNull)
            let notes = egress["notes"] as? [String] ?? []
            #expect(
                notes.contains {
                    $0.hasPrefix("egress server dns:o-o.myaddr.l.google.com?type=TXT&server=ns1.google.com not used")
                }, "\(notes)")
            #expect(notes.last?.hasPrefix("no egress address learned") == true)
        }

        @Test func checkWithAnEgressSectionFillsTheReport() async throws {
            try await Lab.control(["egress", "rotate"])
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "nr-egress-\(UUID().uuidString).yaml")
            try """
            name: egress-lab
            egress:
              servers:
                - \(Self.echo)
                - "\(Self.whoami)"
                - http://good.lab.netready.test/ip
              expect: [198.18.0.8/29, "fd77:1::/64"]
            targets:
              - name: Web
                probes:
                  - tcp://198.18.0.2:80
              - name: STUN
                probes:
                  - stun:198.18.0.2:3478
            """.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let output = try await Lab.netready(["check", file.path, "--format", "json", "--samples", "2"])
            #expect(output.status == 0, "\(output.stderr)")
            let report = try output.json()
            let egress = try #require(report["egress"] as? [String: Any])
            let counts = Self.counts(egress)
            // Four server/family pairs of 10 (the echo, the DNS server, and good.lab over IPv4 and IPv6), and the
            // STUN probe's two samples: its mapped addresses count too.
            #expect(counts.values.reduce(0, +) == 42, "\(counts)")
            #expect(!Self.seen(by: "stun", in: egress).isEmpty)
            #expect(Set(counts.keys) == Self.pool.union(["fd77:1::2"]), "\(counts)")
            #expect(egress["stable"] as? Bool == false)
            let byProtocol = try #require(egress["by_protocol"] as? [String: [[String: Any]]])
            #expect(Set(byProtocol.keys) == ["tcp", "udp"])
            #expect((egress["servers"] as? [Any])?.count == 4)
            let targets = report["targets"] as? [[String: Any]] ?? []
            #expect(targets.map { $0["name"] as? String } == ["Web", "STUN", "Egress allow-list"])
            #expect(targets.last?["status"] as? String == "pass", "\(targets.last ?? [:])")
        }
    }
}
