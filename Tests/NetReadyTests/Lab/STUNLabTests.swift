import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `stun:` / `stuns:` against the lab's coturn (198.18.0.2, RFC 5780 alternate 198.18.0.3:3479), through the
    /// router's NAT, with `turnutils_stunclient` run from the same namespace as ground truth.
    @Suite(.timeLimit(.minutes(5))) struct STUNLabTests {
        static let caFile = "/tmp/netready-lab/ca/lab-ca.pem"
        static let pool = ["198.18.0.11", "198.18.0.12", "198.18.0.13"]

        /// Runs `body` with the lab's egress in `mode`, and puts it back to `rotate` (the lab's default) afterwards,
        /// whatever happens.
        static func withEgress<T>(_ mode: String, _ body: () async throws -> T) async throws -> T {
            try await Lab.control(["egress", mode])
            let outcome: Result<T, any Error>
            do {
                outcome = .success(try await body())
            } catch {
                outcome = .failure(error)
            }
            try await Lab.control(["egress", "rotate"])
            return try outcome.get()
        }

        /// Runs `netready check` on `uris` in the client namespace and returns the JSON report.
        static func check(_ uris: [String], samples: Int = 2, timeout: String = "2s") async throws -> [String: Any] {
            let output = try await Lab.netready(
                ["check"] + uris + [
                    "--format", "json", "--samples", "\(samples)", "--timeout", timeout, "--ca-file", caFile,
                ])
            return try output.json()
        }

        static func probe(_ report: [String: Any], _ uri: String) throws -> [String: Any] {
            let targets = report["targets"] as? [[String: Any]] ?? []
            let probes = targets.flatMap { $0["probes"] as? [[String: Any]] ?? [] }
            return try #require(probes.first { $0["uri"] as? String == uri }, "no probe \(uri) in \(report)")
        }

        static func details(_ probe: [String: Any]) throws -> [String: Any] {
            try #require(probe["details"] as? [String: Any])
        }

        /// The reflexive address `turnutils_stunclient` reports from nr-client.
        static func stunclientAddress() async throws -> String {
            let output = try await Lab.exec(["turnutils_stunclient", "198.18.0.2"], timeoutSeconds: 30)
            let line = try #require(
                output.stdout.split(separator: "\n").first { $0.contains("reflexive addr") }, "\(output.stdout)")
            return String(line.split(separator: " ").last ?? "")
        }

        @Test func bindingOverUDPTCPAndTLSAgreesWithTurnutilsStunclient() async throws {
            let uris = ["stun:198.18.0.2:3478", "stun:198.18.0.2:3478?transport=tcp", "stuns:198.18.0.2:5349"]
            let (report, reference) = try await Self.withEgress("sticky") {
                (try await Self.check(uris), try await Self.stunclientAddress())
            }
            // Sticky egress: every flow leaves from .11, and turnutils_stunclient saw the same.
            #expect(reference.hasPrefix("198.18.0.11:"), "turnutils_stunclient: \(reference)")
            for uri in uris {
                let probe = try Self.probe(report, uri)
                #expect(probe["status"] as? String == "pass", "\(uri): \(probe["message"] ?? "")")
                let details = try Self.details(probe)
                let mapped = details["mapped_addresses"] as? [String] ?? []
                #expect(mapped.count == 2, "\(uri): \(details)")
                #expect(mapped.allSatisfy { $0.hasPrefix("198.18.0.11:") }, "\(uri): \(mapped)")
                #expect((details["software"] as? String)?.hasPrefix("Coturn") == true)
                #expect(details["response_origin"] as? String == "198.18.0.2:\(uri.hasPrefix("stuns") ? 5349 : 3478)")
                let latency = try #require(probe["latency_ms"] as? [String: Any])
                #expect(latency["samples"] as? Int == 2)
            }
            #expect(try Self.details(try Self.probe(report, uris[0]))["transport"] as? String == "udp")
            #expect(try Self.details(try Self.probe(report, uris[1]))["transport"] as? String == "tcp")
            let tls = try Self.details(try Self.probe(report, uris[2]))
            #expect(tls["transport"] as? String == "tls")
            #expect((tls["issuer"] as? String)?.contains("NetReady Lab Root CA") == true)
        }

        @Test func rotatingEgressGivesEachFlowAPoolAddress() async throws {
            let uri = "stun:198.18.0.2:3478"
            let report = try await Self.check([uri], samples: 3)
            let mapped = try Self.details(try Self.probe(report, uri))["mapped_addresses"] as? [String] ?? []
            #expect(mapped.count == 3)
            let ips = mapped.compactMap { $0.split(separator: ":").first.map(String.init) }
            #expect(ips.allSatisfy(Self.pool.contains), "\(mapped)")
            // Three fresh flows under rotation: more than one pool address.
            #expect(Set(ips).count > 1, "\(mapped)")
        }

        @Test func udpBlockedByTheRouterTimesOutWithinTheTimeout() async throws {
            let uri = "stun:198.18.0.23"
            let start = ContinuousClock.now
            let report = try await Self.check([uri], samples: 1, timeout: "1s")
            let elapsed = ContinuousClock.now - start
            let probe = try Self.probe(report, uri)
            #expect(probe["reason"] as? String == "stun.timeout", "\(probe["message"] ?? "")")
            #expect((probe["message"] as? String)?.contains("2 requests sent over UDP") == true)
            #expect(elapsed < TimeBound.notHung(after: .seconds(1)), "took \(elapsed)")
        }

        @Test func rfc5780VerdictsDifferBetweenStickyAndRotatingEgress() async throws {
            let uri = "stun:198.18.0.2:3478"
            let sticky = try await Self.withEgress("sticky") { try Self.probe(try await Self.check([uri]), uri) }
            let stickyDetails = try Self.details(sticky)
            #expect(stickyDetails["other_address"] as? String == "198.18.0.3:3479")
            #expect(stickyDetails["nat_mapping"] as? String == "endpoint-independent", "\(stickyDetails)")
            // Linux conntrack lets in only the exact address and port a flow was sent to.
            #expect(stickyDetails["nat_filtering"] as? String == "address-and-port-dependent")
            #expect(sticky["status"] as? String == "pass", "\(sticky["message"] ?? "")")

            let rotating = try Self.probe(try await Self.check([uri]), uri)
            let rotatingDetails = try Self.details(rotating)
            let mapping = rotatingDetails["nat_mapping"] as? String
            #expect(
                mapping == "address-dependent" || mapping == "address-and-port-dependent", "\(rotatingDetails)")
            #expect(rotatingDetails["nat_filtering"] as? String == "address-and-port-dependent")
            #expect(rotating["status"] as? String == "warn")
            #expect(rotating["reason"] is NSNull)
            #expect((rotating["message"] as? String)?.contains("calls need a TURN relay") == true)
        }

        @Test func mappingVariesByDestinationOnlyWithRotatingEgress() async throws {
            let uris = ["stun:198.18.0.2:3478", "stun:198.18.0.3:3478"]
            let rotating = try #require(try await Self.check(uris, samples: 1)["egress"] as? [String: Any])
            let rotatingNAT = try #require(rotating["nat"] as? [String: Any], "\(rotating)")
            #expect(rotatingNAT["mapping"] as? String == "varies by destination")
            #expect((rotatingNAT["servers"] as? [[String: Any]])?.count == 2)
            #expect(
                (rotating["notes"] as? [String])?.contains { $0.hasPrefix("mapping varies by destination") } == true)

            let sticky = try await Self.withEgress("sticky") {
                try #require(try await Self.check(uris, samples: 1)["egress"] as? [String: Any])
            }
            let stickyNAT = try #require(sticky["nat"] as? [String: Any], "\(sticky)")
            #expect(stickyNAT["mapping"] as? String == "endpoint-independent")
            let servers = stickyNAT["servers"] as? [[String: Any]] ?? []
            #expect(servers.count == 2 && Set(servers.compactMap { $0["mapped"] as? String }).count == 1)
            #expect((sticky["notes"] as? [String])?.contains { $0.contains("varies by destination") } != true)
        }

        @Test func tableShowsTheNATLine() async throws {
            let output = try await Lab.netready([
                "check", "stun:198.18.0.2:3478", "stun:198.18.0.3:3478", "--format", "table", "--samples", "1",
            ])
            #expect(output.stdout.contains("NAT: mapping varies by destination"), "\(output.stdout)")
        }
    }
}
