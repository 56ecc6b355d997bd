import Foundation
import Testing

extension LabTests {
    /// DNS verdicts against the lab's dnsmasq (198.18.0.53), its refusing twin (198.18.0.54) and a dropped
    /// resolver (198.18.0.20), each checked against dig run in the same namespace.
    @Suite struct DNSGroundTruthTests {
        /// One DNS case: the probe, netready's expected reason, and what dig must see for the same question.
        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            var type = "A"
            var resolver = "198.18.0.53"
            let reason: String?
            let digStatus: String?
            var uri: String { "dns:\(name).lab.netready.test" + (type == "A" ? "" : "?type=\(type)") }
            var testDescription: String { "\(uri) @\(resolver) → \(reason ?? "pass")" }
        }

        static let cases: [Case] = [
            Case(name: "good", reason: nil, digStatus: "NOERROR"),
            Case(name: "good", type: "AAAA", reason: nil, digStatus: "NOERROR"),
            Case(name: "missing", reason: "dns.nxdomain", digStatus: "NXDOMAIN"),
            Case(name: "sinkhole", reason: "dns.sinkhole", digStatus: "NOERROR"),
            Case(name: "alias", reason: nil, digStatus: "NOERROR"),
            Case(name: "_sip._tcp", type: "SRV", reason: nil, digStatus: "NOERROR"),
            Case(name: "_sip._udp", type: "SRV", reason: nil, digStatus: "NOERROR"),
            Case(name: "txt", type: "TXT", reason: nil, digStatus: "NOERROR"),
            Case(name: "big", reason: nil, digStatus: "NOERROR"),
            Case(name: "good", resolver: "198.18.0.54", reason: "dns.refused", digStatus: "REFUSED"),
            Case(name: "good", resolver: "198.18.0.20", reason: "dns.timeout", digStatus: nil),
        ]

        @Test(arguments: cases)
        func dnsCaseGivesTheSpecReasonAndAgreesWithDig(_ check: Case) async throws {
            let clock = ContinuousClock()
            let started = clock.now
            let output = try await Lab.netready([
                "check", check.uri, "--resolver", check.resolver, "--format", "json", "--samples", "2",
                "--timeout", "1s",
            ])
            let elapsed = clock.now - started
            #expect(output.status == (check.reason == nil ? 0 : 1), "stderr: \(output.stderr)")
            let probe = try #require(try ReportProbes(output)[check.uri])
            #expect(probe["reason"] as? String == check.reason, "message: \(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            let resolvers = try #require(details["resolvers"] as? [[String: Any]])
            let entry = try #require(resolvers.first)
            #expect(entry["resolver"] as? String == check.resolver)

            let dig = try await Dig.ask(check.resolver, name: "\(check.name).lab.netready.test", type: check.type)
            #expect(dig.status == check.digStatus, "dig: \(dig.raw)")
            #expect(entry["rcode"] as? String == check.digStatus)
            let answers = entry["answers"] as? [String] ?? []
            #expect(Set(answers) == Set(dig.answers), "netready \(answers) vs dig \(dig.answers)")
            if check.reason == "dns.timeout" {
                // Two samples, each within the 1 s timeout (two tries of 500 ms), plus the sample interval.
                #expect(elapsed < .milliseconds(3500), "took \(elapsed)")
                #expect(dig.exitStatus == 9, "dig: \(dig.raw)")
            }
        }

        @Test func bigAnswerIsTruncatedOverUDPAndFetchedOverTCP() async throws {
            let output = try await Lab.netready([
                "check", "dns:big.lab.netready.test", "--format", "json", "--samples", "1",
            ])
            let probe = try #require(try ReportProbes(output)["dns:big.lab.netready.test"])
            let entry = try #require((probe["details"] as? [String: Any])?["resolvers"] as? [[String: Any]]).first
            #expect(entry?["transport"] as? String == "tcp")
            #expect((entry?["answers"] as? [String])?.count == 100)
            #expect((probe["message"] as? String)?.contains("over TCP") == true)
            // dig without TCP fallback sees the cut: the tc flag and fewer than 100 records.
            let udp = try await Lab.exec([
                "dig", "@198.18.0.53", "big.lab.netready.test", "A", "+ignore", "+time=1", "+tries=1",
            ])
            #expect(udp.stdout.contains(" tc"), "dig: \(udp.stdout)")
        }

        @Test func resolverPortUnreachableIsUnreachableWithoutWaiting() async throws {
            // The router answers UDP to 198.18.0.21 with ICMP port unreachable: no DNS there, known at once.
            let output = try await Lab.netready([
                "check", "dns:good.lab.netready.test", "--resolver", "198.18.0.21", "--format", "json",
                "--samples", "1", "--timeout", "2s",
            ])
            let probe = try #require(try ReportProbes(output)["dns:good.lab.netready.test"])
            #expect(probe["reason"] as? String == "dns.unreachable")
            #expect((probe["message"] as? String)?.contains("unreachable") == true, "\(probe["message"] ?? "")")
            let attempt = try #require((probe["attempts"] as? [[String: Any]])?.first)
            #expect((attempt["ms"] as? Double ?? 9999) < 500)
            let dig = try await Lab.exec(["dig", "@198.18.0.21", "good.lab.netready.test", "+time=1", "+tries=1"])
            #expect(dig.stdout.contains("connection refused"), "dig: \(dig.stdout)")
        }

        @Test func cnameChainIsFollowedAndRecorded() async throws {
            let output = try await Lab.netready([
                "check", "dns:alias.lab.netready.test", "--format", "json", "--samples", "1",
            ])
            let probe = try #require(try ReportProbes(output)["dns:alias.lab.netready.test"])
            let entry = try #require((probe["details"] as? [String: Any])?["resolvers"] as? [[String: Any]]).first
            #expect(entry?["cname"] as? [String] == ["alias2.lab.netready.test", "good.lab.netready.test"])
            let dig = try await Lab.exec(["dig", "@198.18.0.53", "alias.lab.netready.test", "A", "+short"])
            let expected = ["alias2.lab.netready.test.", "good.lab.netready.test.", "198.18.0.2"]
            #expect(dig.stdout.split(separator: "\n").map(String.init) == expected)
        }

        @Test func partialFailureWarnsAndHostListsTheResolversUsed() async throws {
            let output = try await Lab.netready([
                "check", "dns:good.lab.netready.test", "--resolver", "198.18.0.53", "--resolver", "198.18.0.54",
                "--format", "json", "--samples", "1",
            ])
            #expect(output.status == 0, "degraded is still exit 0: \(output.stderr)")
            let probe = try #require(try ReportProbes(output)["dns:good.lab.netready.test"])
            #expect(probe["status"] as? String == "warn")
            #expect(probe["reason"] as? String == "dns.refused")
            let message = try #require(probe["message"] as? String)
            #expect(message.hasPrefix("198.18.0.53: 198.18.0.2 (A, TTL 60) in "), "message: \(message)")
            let host = try #require(try output.json()["host"] as? [String: Any])
            #expect(host["resolvers"] as? [String] == ["198.18.0.53", "198.18.0.54"])
        }

        @Test func targetFileResolversAndSinkholesApply() async throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("nr-dns-\(UUID().uuidString).yaml")
            defer { try? FileManager.default.removeItem(at: file) }
            try """
            name: dns-lab
            resolvers: [198.18.0.53, "198.18.0.53:53"]
            sinkholes: [198.18.0.21]
            targets:
              - name: names
                probes:
                  - dns:good.lab.netready.test
                  - dns:reset.lab.netready.test
            """.write(to: file, atomically: true, encoding: .utf8)
            let output = try await Lab.netready(["check", file.path, "--format", "json", "--samples", "1"])
            let probes = try ReportProbes(output)
            #expect(probes["dns:good.lab.netready.test"]?["status"] as? String == "pass")
            #expect(probes["dns:reset.lab.netready.test"]?["reason"] as? String == "dns.sinkhole")
            let host = try #require(try output.json()["host"] as? [String: Any])
            #expect(host["resolvers"] as? [String] == ["198.18.0.53"])
            // --resolver wins over the file's list.
            let overridden = try await Lab.netready([
                "check", file.path, "--resolver", "198.18.0.54", "--format", "json", "--samples", "1",
            ])
            #expect(try ReportProbes(overridden)["dns:good.lab.netready.test"]?["reason"] as? String == "dns.refused")
        }

        @Test func otherProbesFailWithTheDNSReasonAndRecordTheLookup() async throws {
            let refused = "tcp://good.lab.netready.test:8000"
            let output = try await Lab.netready([
                "check", refused, "tcp://sinkhole.lab.netready.test:8000",
                "tcp://echo.lab.netready.test:8000", "--format", "json",
                "--samples", "1", "--timeout", "1s", "-4",
            ])
            let probes = try ReportProbes(output)
            #expect(probes["tcp://sinkhole.lab.netready.test:8000"]?["reason"] as? String == "dns.sinkhole")
            let echo = try #require(probes["tcp://echo.lab.netready.test:8000"])
            #expect(echo["status"] as? String == "pass")
            let dns = try #require((echo["details"] as? [String: Any])?["dns"] as? [String: Any])
            #expect(dns["resolver"] as? String == "198.18.0.53")
            #expect(dns["answers"] as? [String] == ["198.18.0.2"])
            #expect(dns["rcode"] as? String == "NOERROR")
            #expect(dns["ttl"] as? Int == 60)
            #expect(dns["ms"] is Double)

            let viaRefusing = try await Lab.netready([
                "check", refused, "--resolver", "198.18.0.54", "--format", "json",
                "--samples", "1",
            ])
            #expect(try ReportProbes(viaRefusing)[refused]?["reason"] as? String == "dns.refused")
        }
    }
}

/// dig run inside the client namespace, parsed to status and answers.
enum Dig {
    struct Answer {
        let status: String?
        let answers: [String]
        let exitStatus: Int32
        let raw: String
    }

    static func ask(_ server: String, name: String, type: String) async throws -> Answer {
        let output = try await Lab.exec([
            "dig", "@\(server)", name, type, "+noall", "+comments", "+answer",
            "+time=1", "+tries=1",
        ])
        let lines = output.stdout.split(separator: "\n")
        let status = lines.first { $0.contains("status: ") }.flatMap { line in
            line.split(separator: "status: ").last?.split(separator: ",").first.map(String.init)
        }
        // Answer lines: NAME TTL CLASS TYPE RDATA...; only the asked type (a CNAME chain precedes A records).
        let answers = lines.filter { !$0.hasPrefix(";") }.compactMap { line -> String? in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 5, fields[3] == Substring(type) else { return nil }
            return fields[4...].joined(separator: " ")
        }
        return Answer(status: status, answers: answers, exitStatus: output.status, raw: output.stdout)
    }
}
