import Foundation
import NetReadyTestSupport
import Testing

/// The SIP prober against hostile loopback peers: every misbehaviour gets a classified result within the
/// timeout, never a hang or a crash.
@Suite(.timeLimit(.minutes(3))) struct SIPProberLoopbackTests {
    /// One peer behaviour and what netready must make of it.
    struct Case: Sendable, CustomTestStringConvertible {
        let behaviour: HostileSIPPeer.Behaviour
        let tcp: Bool
        var split = false
        let status: String
        let reason: String?
        let words: String
        var testDescription: String {
            "\(tcp ? "TCP" : "UDP")\(split ? " split" : "") \(behaviour) → \(reason ?? status)"
        }
    }

    static let cases: [Case] = [
        Case(behaviour: .garbage, tcp: false, status: "fail", reason: "sip.protocol", words: "not SIP"),
        Case(behaviour: .garbage, tcp: true, status: "fail", reason: "sip.protocol", words: "not SIP"),
        Case(behaviour: .truncated, tcp: false, status: "fail", reason: "sip.protocol", words: "not SIP"),
        Case(behaviour: .truncated, tcp: true, status: "fail", reason: "sip.protocol", words: "truncated"),
        Case(behaviour: .close, tcp: true, status: "fail", reason: "sip.protocol", words: "without answering"),
        Case(behaviour: .wrongBranch, tcp: false, status: "fail", reason: "sip.protocol", words: "another transaction"),
        Case(behaviour: .wrongBranch, tcp: true, status: "fail", reason: "sip.protocol", words: "another transaction"),
        Case(behaviour: .silent, tcp: false, status: "fail", reason: "sip.timeout", words: "no SIP answer"),
        Case(behaviour: .silent, tcp: true, status: "fail", reason: "sip.timeout", words: "no SIP answer"),
        Case(
            behaviour: .rewrittenVia, tcp: false, status: "warn", reason: "sip.alg",
            words: "rewritten to 203.0.113.7:5060"),
        Case(behaviour: .rewrittenVia, tcp: true, status: "warn", reason: "sip.alg", words: "Via sent-by 127.0.0.1:"),
        Case(behaviour: .provisionalThenBusy, tcp: false, status: "pass", reason: nil, words: "486 Busy Here"),
        Case(behaviour: .provisionalThenBusy, tcp: true, status: "pass", reason: nil, words: "486 Busy Here"),
        Case(
            behaviour: .provisionalThenBusy, tcp: true, split: true, status: "pass", reason: nil,
            words: "486 Busy Here"),
        Case(behaviour: .receivedOwnAddress, tcp: false, status: "pass", reason: nil, words: "no SIP ALG"),
        // A server that keeps saying 100 Trying is not a silent one: the message names the provisional answers.
        Case(
            behaviour: .endlessTrying, tcp: false, status: "fail", reason: "sip.timeout",
            words: "only provisional answers from 127.0.0.1:"),
        Case(
            behaviour: .endlessTrying, tcp: true, status: "fail", reason: "sip.timeout",
            words: "only provisional answers from 127.0.0.1:"),
    ]

    /// The probe's timeout is generous where an answer decides: the peer shares this test process's two
    /// cooperative threads with the rest of the suite, so a short one (4 s) measured the machine's load, not the
    /// prober. A good answer ends the probe at once (30 s); a broken one is classified when the timeout ends
    /// without a good one (8 s); a silent peer is the timeout itself (4 s).
    @Test(arguments: cases)
    func hostilePeerIsClassified(_ check: Case) async throws {
        let peer = try HostileSIPPeer(check.behaviour, tcp: check.tcp, split: check.split)
        let uri = "sip:127.0.0.1:\(peer.port)" + (check.tcp ? ";transport=tcp" : "")
        let timeout = check.behaviour == .silent ? 4 : check.status == "fail" ? 8 : 30
        let started = ContinuousClock.now
        let output = try await NetReadyBinary.run([
            "check", uri, "--format", "json", "--samples", "1", "--timeout", "\(timeout)s",
        ], timeoutSeconds: 120)
        let elapsed = ContinuousClock.now - started
        await peer.stop()
        let probe = try #require(try ReportProbes(output)[uri], "\(output.stdout)\(output.stderr)")
        let message = probe["message"] as? String ?? ""
        #expect(probe["status"] as? String == check.status, "\(message)")
        #expect(probe["reason"] as? String == check.reason, "\(message)")
        #expect(message.contains(check.words), "\(message)")
        #expect(elapsed < TimeBound.notHung(after: .seconds(timeout)), "took \(elapsed)")
        if check.behaviour == .endlessTrying {
            #expect(message.contains("(100 Trying "), "\(message)")
            #expect(message.contains("no final response within 8s"), "\(message)")
        }
        if check.behaviour == .silent { #expect(!message.contains("provisional"), "\(message)") }
        let details = probe["details"] as? [String: Any] ?? [:]
        if check.behaviour == .provisionalThenBusy {
            #expect(details["status_code"] as? Int == 486)
            #expect(details["provisional_responses"] as? Int == 1)
            #expect(details["server"] as? String == "hostile-peer")
        }
        if check.behaviour == .receivedOwnAddress {
            // Loopback: received equals our own address because there is no NAT, which is not an ALG.
            #expect(details["received"] as? String == "127.0.0.1")
            #expect((details["alg"] as? [String: Any])?["echo"] as? Bool == false)
        }
    }
}
