import Foundation
import NetReadyTestSupport
import Testing

/// `netready responder` on loopback as the far end of `sip:` and `stun:?transport=tcp` probes, told apart from
/// media by their first bytes on the same port; its start line and `--verbose` log.
@Suite(.timeLimit(.minutes(3))) struct ResponderLoopbackTests {
    static func check(_ uri: String) async throws -> [String: Any] {
        let output = try await NetReadyBinary.run(["check", uri, "--format", "json", "--samples", "2", "--timeout", "10s"])
        return try #require(try ReportProbes(output)[uri], "\(output.stdout)\(output.stderr)")
    }

    @Test func answersSIPOptionsWithTheRequestAsReceivedOverUDPAndTCP() async throws {
        let responder = try ResponderProcess(["--listen", "127.0.0.1:0"])
        let port = try await responder.port(of: "127.0.0.1")
        let line = try await responder.waitFor("responder listening")
        let uris = ["sip:127.0.0.1:\(port)", "sip:127.0.0.1:\(port);transport=tcp"]
        var probes: [[String: Any]] = []
        for uri in uris { probes.append(try await Self.check(uri)) }
        let media = try await Self.check("udp://127.0.0.1:\(port)")
        let stunTCP = try await Self.check("stun:127.0.0.1:\(port)?transport=tcp")
        try await responder.stop()
        // The start line names every listening address, UDP and TCP.
        #expect(line.contains("udp:127.0.0.1:\(port)") && line.contains("tcp:127.0.0.1:\(port)"), "\(line)")
        for probe in probes {
            #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
            let details = probe["details"] as? [String: Any] ?? [:]
            #expect(details["status_code"] as? Int == 200)
            #expect(details["server"] as? String == "netready responder")
            #expect(details["received"] as? String == "127.0.0.1")
            let alg = details["alg"] as? [String: Any] ?? [:]
            // The sipfrag echo makes the comparison definitive: nothing rewritten.
            #expect(alg["echo"] as? Bool == true, "\(alg)")
            #expect(alg["detected"] as? Bool == false, "\(alg)")
        }
        #expect(media["status"] as? String == "pass", "\(media["message"] ?? "")")
        // RFC 8489 framing over TCP: a Binding answer, not an echo (which would be stun.protocol).
        #expect(stunTCP["status"] as? String == "pass", "\(stunTCP["message"] ?? "")")
    }

    @Test func verboseLogsClientsAndRefusedDatagrams() async throws {
        let responder = try ResponderProcess(["--listen", "127.0.0.1:0", "--allow", "192.0.2.0/24", "--verbose"])
        let port = try await responder.port(of: "127.0.0.1")
        let output = try await NetReadyBinary.run([
            "check", "udp://127.0.0.1:\(port)", "--format", "json", "--samples", "1", "--timeout", "500ms",
        ])
        let log = try await responder.waitFor("refused: outside --allow")
        try await responder.stop()
        #expect(try ReportProbes(output)["udp://127.0.0.1:\(port)"]?["status"] as? String != "pass")
        #expect(log.contains("from=127.0.0.1:"), "\(log)")
        #expect(log.contains("transport=udp"), "\(log)")

        let open = try ResponderProcess(["--listen", "127.0.0.1:0", "--verbose"])
        let openPort = try await open.port(of: "127.0.0.1")
        _ = try await Self.check("sip:127.0.0.1:\(openPort);transport=tcp")
        let seen = try await open.waitFor("client")
        try await open.stop()
        #expect(seen.contains("transport=tcp"), "\(seen)")
    }
}
