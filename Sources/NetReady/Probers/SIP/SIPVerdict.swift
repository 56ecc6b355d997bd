import Foundation
import NetReadyPosix
import NetReadyWire

/// Turns the attempts of a `sip:`/`sips:` probe into its status, reason, message and details.
///
/// Over TLS the handshake is judged first, as for `tls://`; then any final response (200, 401, 403, 404, 405,
/// 483...) proves the server reachable: a pass, unless the comparison of request and answer shows a SIP ALG
/// (`sip.alg`, warn) or some attempts went unanswered (warn). No answer is `sip.timeout`, an answer that is not
/// SIP (or not to this request) `sip.protocol`; TCP failures keep their `tcp.*` reasons.
struct SIPVerdict {
    let probe: PlannedProbe
    let target: SIPTarget
    let tls: TLSAttemptSettings?
    let trustFiles: [String]

    func judge(_ attempts: [SIPAttempt], address: SocketAddress, into result: inout ProbeResult) {
        let outcomes = attempts.map(\.outcome)
        result.observations.sip = SIPObservation(transport: target.viaTransport)
        let answers = outcomes.compactMap(\.answer)
        var tlsWords = ""
        if let tls {
            var verdict = TLSVerdict(probe: probe, settings: tls, trustFiles: trustFiles)
            let words = verdict.judge(attempts.map(\.tlsOutcome), address: address, into: &result)
            guard result.status == .pass || result.status == .warn else { return }
            tlsWords = "; TLS: " + words
        }
        result.latencyMs = LatencySummary(durations: answers.map(\.roundTrip))
        guard let answer = answers.first else {
            fail(
                outcomes.first { if case .notRun = $0 { false } else { true } } ?? .notRun, address: address,
                into: &result)
            return
        }
        describe(answer, address: address, into: &result)
        let encrypted = target.transport == .tls || target.transport == .wss
        let findings = SIPALGFindings(answer, server: address, encrypted: encrypted)
        result.observations.sip?.alg = findings
        var mapped: [SIPHostPort] = []
        for each in answers {
            if let address = mappedAddress(each, findings: SIPALGFindings(each, server: address, encrypted: encrypted)),
                !mapped.contains(address)
            {
                mapped.append(address)
            }
        }
        result.observations.sip?.mappedAddresses = mapped
        let status = "\(answer.response.statusCode ?? 0) \(answer.response.reasonPhrase ?? "")"
        let server = (answer.response.header("server") ?? answer.response.header("user-agent")).map { " from \($0)" }
        result.message =
            "\(status)\(server ?? "") over \(target.viaTransport) in "
            + String(format: "%.2f ms", answer.roundTrip.milliseconds)
            + (findings.echoed
                ? "; no SIP ALG: the request arrived as sent (echoed back)"
                : findings.undetermined
                    ? "; SIP ALG \(SIPALGFindings.undeterminedWords) (the server named this host's own address)"
                    : "; no SIP ALG rewriting seen in the response headers") + tlsWords
        if findings.detected == true {
            result.status = .warn
            result.reason = .sipALG
            result.message =
                "SIP ALG: \(findings.words) (\(status.trimmingCharacters(in: .whitespaces))\(server ?? ""))"
                + (answer.response.missingBodyBytes > 0
                    ? "; the response arrived \(answer.response.missingBodyBytes) bytes shorter than its Content-Length"
                    : "")
            return
        }
        if tls == nil { result.status = .pass }
        let failed = outcomes.filter { $0.answer == nil && !Self.isNotRun($0) }
        if let first = failed.first {
            PartialFailure.downgrade(&result, failed: failed.count, of: outcomes.count) {
                fail(first, address: address, into: &$0)
            }
        }
    }

    private static func isNotRun(_ outcome: SIPAttemptOutcome) -> Bool {
        if case .notRun = outcome { return true }
        return false
    }

    private func describe(_ answer: SIPAnswer, address: SocketAddress, into result: inout ProbeResult) {
        let response = answer.response
        let via = (try? response.vias().first { $0.branch == answer.request.branch }) ?? nil
        result.observations.sip?.response = SIPResponseObservation(
            statusCode: response.statusCode ?? 0, reasonPhrase: response.reasonPhrase ?? "",
            server: response.header("server"), userAgent: response.header("user-agent"),
            provisionalResponses: answer.provisional, retransmissions: answer.retransmissions,
            viaSentBy: answer.request.sentBy.description, received: via?.received, rport: via?.rport)
    }

    /// The address and port the server saw ("IP:PORT", IPv6 in brackets), for the egress report: `received` and
    /// `rport`, or — when an ALG rewrote the Via — the egress mapping the ALG wrote into it.
    private func mappedAddress(_ answer: SIPAnswer, findings: SIPALGFindings) -> SIPHostPort? {
        if let sentBy = findings.rewrittenSentBy, let port = sentBy.port, SocketAddress.isIPLiteral(sentBy.host) {
            return SIPHostPort(host: sentBy.host, port: port)
        }
        // An ALG's work, or this host's own address (which an ALG may have written back): never an egress address.
        guard findings.detected == false, SIPALGFindings.ownAddressNamed(by: answer) == nil else { return nil }
        let via = (try? answer.response.vias().first { $0.branch == answer.request.branch }) ?? nil
        guard let received = via?.received, SocketAddress.isIPLiteral(received), let port = via?.rport else {
            return nil
        }
        return SIPHostPort(host: received, port: port)
    }

    private func fail(_ outcome: SIPAttemptOutcome, address: SocketAddress, into result: inout ProbeResult) {
        let endpoint = "\(address) (\(target.viaTransport))"
        switch outcome {
        case .notConnected(let connection):
            TLSVerdict.failBeforeHandshake(connection, address: address, before: "any SIP", into: &result)
        case .answered:
            break
        case .silent(let transmissions, let provisional, let lastProvisional):
            result.status = .fail
            result.reason = .sipTimeout
            let sent = transmissions > 1 ? " (OPTIONS sent \(transmissions) times, RFC 3261 timer E)" : ""
            let within = formatDuration(probe.timeout)
            if provisional > 0 {
                let times = provisional == 1 ? "once" : "\(provisional) times"
                result.message =
                    "only provisional answers from \(endpoint) (\(lastProvisional ?? "1xx") \(times)), "
                    + "no final response within \(within)\(sent)"
            } else {
                result.message = "no SIP answer from \(endpoint) within \(within)\(sent)"
            }
        case .icmp(let report):
            result.status = .fail
            let from = report.offender ?? "?"
            let classification = report.classification(destination: address.ip)
            if classification == .closedPort {
                result.reason = .sipTimeout
                result.message = "\(endpoint): ICMP port unreachable from the server itself: no SIP service listens"
            } else {
                result.reason = .udpFiltered
                let how = classification == .prohibited ? "administratively prohibited" : "rejected"
                result.message =
                    "\(endpoint): \(how) by \(from) (ICMP type \(report.type) code \(report.code)) before any SIP answer"
            }
        case .broken(let words):
            result.status = .fail
            result.reason = .sipProtocol
            result.message = "\(endpoint) \(words)"
        case .local(let words):
            result.status = .error
            result.message = "could not probe \(endpoint): \(words)"
        case .notRun:
            result.status = .skip
            result.message = "not probed: the run stopped before this attempt"
        }
    }
}
