import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `turn:` and `turns:` against the lab's coturn (198.18.0.2, user probe, realm lab.netready.test),
    /// with turnutils_uclient / turnutils_stunclient as the reference where they overlap.
    @Suite(.timeLimit(.minutes(5))) struct TURNLabTests {
        static let caFile = "/tmp/netready-lab/ca/lab-ca.pem"
        static let pool = ["198.18.0.11", "198.18.0.12", "198.18.0.13"]
        /// The lab's password; it reaches netready only through the environment.
        static let secret = "labsecret"

        /// Runs netready on a target file with `probes` (URI, credential env var or nil) in nr-client.
        static func check(
            _ probes: [(uri: String, credentialVariable: String?)], environment: [String: String] = [:],
            timeout: String = "2s", trustLabCA: Bool = true
        ) async throws -> (NetReadyBinary.Output, ReportProbes) {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("netready-turn-\(UUID()).yaml")
            var yaml = "targets:\n  - name: TURN\n    probes:\n"
            for probe in probes {
                yaml += "      - uri: \"\(probe.uri)\"\n"
                if let variable = probe.credentialVariable {
                    yaml += "        username: probe\n        credential: ${\(variable)}\n"
                }
            }
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            try await Lab.ensureUp()
            let arguments =
                ["check", file.path, "--format", "json", "--samples", "3", "--timeout", timeout]
                + (trustLabCA ? ["--ca-file", caFile] : [])
            let output = try await NetReadyBinary.run(
                arguments, environment: environment, prefix: ["/usr/sbin/ip", "netns", "exec", Lab.client])
            return (output, try ReportProbes(output))
        }

        static func details(_ probe: [String: Any]) -> [String: Any] { probe["details"] as? [String: Any] ?? [:] }

        @Test(arguments: ["turn:198.18.0.2", "turn:198.18.0.2?transport=tcp", "turns:turn.lab.netready.test:5349"])
        func challengeWithoutCredentialsPasses(_ uri: String) async throws {
            let (output, probes) = try await Self.check([(uri, nil)])
            #expect(output.status == 0, "\(output.stderr)")
            let probe = try #require(probes[uri])
            let message = probe["message"] as? String ?? ""
            #expect(probe["status"] as? String == "pass", "\(message)")
            #expect(message.contains("relay reachable (401 challenge, realm lab.netready.test"), "\(message)")
            #expect(message.contains("credentials not given, relay not exercised"))
            let details = Self.details(probe)
            #expect(details["realm"] as? String == "lab.netready.test")
            #expect((details["software"] as? String)?.hasPrefix("Coturn") == true)
            #expect(
                details["transport"] as? String
                    == (uri.hasPrefix("turns") ? "tls" : uri.hasSuffix("tcp") ? "tcp" : "udp"))
            #expect((probe["latency_ms"] as? [String: Any])?["samples"] as? Int == 3)
            if uri.hasPrefix("turns") { #expect(message.contains("TLS: TLSv1.")) }
        }

        /// The full flow over each transport, and the credential nowhere in the output; turnutils_uclient
        /// with the same credentials also gets its data back through the relay.
        @Test func relayRoundTripWithCredentials() async throws {
            let uris = ["turn:198.18.0.2", "turn:198.18.0.2?transport=tcp", "turns:turn.lab.netready.test:5349"]
            let (output, probes) = try await Self.check(
                uris.map { ($0, "NR_TURN_SECRET") }, environment: ["NR_TURN_SECRET": Self.secret])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(!output.stdout.contains(Self.secret) && !output.stderr.contains(Self.secret))
            for uri in uris {
                let probe = try #require(probes[uri])
                let message = probe["message"] as? String ?? ""
                #expect(probe["status"] as? String == "pass", "\(uri): \(message)")
                #expect(message.hasPrefix("relayed a round trip via 198.18.0.2:"), "\(message)")
                #expect(message.contains("allocation released"), "\(message)")
                let details = Self.details(probe)
                let relayed = try #require(details["relayed_address"] as? String)
                let port = try #require(Int(relayed.split(separator: ":").last ?? ""))
                #expect((49152...49999).contains(port))
                let mapped = try #require(details["mapped_address"] as? String)
                #expect(Self.pool.contains { mapped.hasPrefix($0 + ":") }, "\(mapped)")
                #expect((details["mapped_addresses"] as? [String])?.first == mapped)
                #expect(details["integrity_verified"] as? Bool == true)
                #expect(details["lifetime_s"] as? Int == 600)
                #expect(details["released"] as? Bool == true)
                #expect((details["relay_rtt_ms"] as? Double).map { $0 > 0 && $0 < 100 } == true)
                #expect((probe["latency_ms"] as? [String: Any])?["samples"] as? Int == 3)
            }
            let uclient = try await Lab.exec(
                [
                    "turnutils_uclient", "-u", "probe", "-w", Self.secret, "-n", "2", "-m", "1", "-l", "100", "-y",
                    "-e", "198.18.0.2", "198.18.0.2",
                ], timeoutSeconds: 30)
            #expect(uclient.stdout.contains("Total lost packets 0 "), "\(uclient.stdout.suffix(400))")
        }

        /// A wrong password is `turn.auth`; turnutils_uclient cannot allocate with it either.
        @Test func wrongCredentialIsAnAuthFailure() async throws {
            let uri = "turn:198.18.0.2"
            let (output, probes) = try await Self.check(
                [(uri, "NR_TURN_SECRET")], environment: ["NR_TURN_SECRET": "nope"])
            #expect(output.status == 1)
            let probe = try #require(probes[uri])
            #expect(probe["reason"] as? String == "turn.auth", "\(probe["message"] ?? "")")
            #expect((probe["message"] as? String)?.contains("401") == true)
            #expect(!output.stdout.contains("nope"))
            let uclient = try await Lab.exec(
                ["turnutils_uclient", "-u", "probe", "-w", "nope", "-n", "1", "-m", "1", "-y", "198.18.0.2"],
                timeoutSeconds: 30)
            #expect(uclient.stdout.contains("Cannot complete Allocation"), "\(uclient.stdout.suffix(400))")
        }

        /// Without the lab CA, `turns:` fails the way a `tls://` probe does.
        @Test func turnsWithoutTheLabCAIsUntrusted() async throws {
            let uri = "turns:turn.lab.netready.test"
            let (_, probes) = try await Self.check([(uri, nil)], trustLabCA: false)
            let probe = try #require(probes[uri])
            #expect(probe["reason"] as? String == "tls.untrusted", "\(probe["message"] ?? "")")
        }

        /// 198.18.0.23 drops UDP: `turn.timeout` within the timeout (plus start-up).
        @Test func droppedUDPIsATimeout() async throws {
            let uri = "turn:198.18.0.23"
            let start = ContinuousClock.now
            let (output, probes) = try await Self.check([(uri, nil)], timeout: "1s")
            let elapsed = ContinuousClock.now - start
            #expect(output.status == 1)
            let probe = try #require(probes[uri])
            #expect(probe["reason"] as? String == "turn.timeout", "\(probe["message"] ?? "")")
            #expect(elapsed < TimeBound.notHung(after: .seconds(1)))
        }

        /// With one egress address the client's TURN mapped address is the one turnutils_stunclient
        /// sees, and the peer's first hole punch comes through (no rotation to work around).
        @Test func stickyEgressAgreesWithStunclient() async throws {
            try await Lab.control(["egress", "sticky"])
            do {
                let uri = "turn:198.18.0.2"
                let (_, probes) = try await Self.check(
                    [(uri, "NR_TURN_SECRET")], environment: ["NR_TURN_SECRET": Self.secret])
                // stunclient prints the reflexive address at once, then runs RFC 5780 tests whose answers
                // from the alternate address the NAT drops, and waits for a long time: stop it early.
                let stun = try await Lab.exec(["turnutils_stunclient", "198.18.0.2"], timeoutSeconds: 3)
                try await Lab.control(["egress", "rotate"])
                let probe = try #require(probes[uri])
                #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
                let details = Self.details(probe)
                let mapped = try #require(details["mapped_address"] as? String)
                let line = try #require(
                    stun.stdout.split(separator: "\n").first { $0.contains("reflexive addr") }, "\(stun.stdout)")
                let ip = String(mapped.split(separator: ":")[0])
                #expect(ip == "198.18.0.11")
                #expect(line.contains("addr: \(ip):"), "\(line)")
                let steps = details["relay_steps"] as? [String] ?? []
                #expect(steps.count == 1 && steps.first?.hasPrefix("round 1: the peer's datagram came through") == true)
            } catch {
                try? await Lab.control(["egress", "rotate"])
                throw error
            }
        }
    }
}
