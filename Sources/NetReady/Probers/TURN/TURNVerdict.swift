import Foundation
import NetReadyPosix
import NetReadyWire

/// Turns a TURN probe's outcome into its status, reason, message and details.
///
/// For `turns:` the TLS side is judged first, as for `tls://`; only a TLS pass or warn goes on
/// to the TURN verdict. The message says what was proved: a reachable relay (401 challenge), or
/// a relayed round trip with its time.
struct TURNVerdict {
    let probe: PlannedProbe
    let tls: TLSAttemptSettings?
    let trustFiles: [String]

    func judge(_ outcome: TURNAttemptOutcome, address: SocketAddress, into result: inout ProbeResult) {
        var tlsWords = ""
        if let tls {
            var verdict = TLSVerdict(probe: probe, settings: tls, trustFiles: trustFiles)
            let words = verdict.judge([Self.tlsOutcome(outcome)], address: address, into: &result)
            guard result.status == .pass || result.status == .warn, let findings = outcome.findings else { return }
            tlsWords = "; TLS: " + words
            judge(findings, address: address, into: &result)
            result.message += tlsWords
            return
        }
        guard let findings = outcome.findings else {
            if case .notConnected(let failure) = outcome {
                TLSVerdict.failBeforeHandshake(failure, address: address, before: "TURN", into: &result)
            }
            return
        }
        judge(findings, address: address, into: &result)
    }

    private func judge(_ findings: TURNFindings, address: SocketAddress, into result: inout ProbeResult) {
        describe(findings, into: &result)
        if let stream = findings.streamThatRan { TURNStreamVerdict.record(stream, into: &result) }
        let over = " over \(findings.transport)"
        guard let failure = findings.failure else {
            judgeSuccess(findings, over: over, into: &result)
            return
        }
        result.status = .fail
        switch failure {
        case .timeout(let words):
            (result.reason, result.message) =
                (.turnTimeout, "\(words) at \(address)\(over) within \(formatDuration(probe.timeout))")
        case .broken(let words): (result.reason, result.message) = (.turnTimeout, "\(address)\(over): \(words)")
        case .protocolError(let words): (result.reason, result.message) = (.stunProtocol, "\(address)\(over): \(words)")
        case .auth(let words): (result.reason, result.message) = (.turnAuth, words + realmWords(findings))
        case .relay(let words): (result.reason, result.message) = (.turnRelay, words)
        }
        if let stream = findings.streamThatRan {
            let quality = MediaQuality(sent: stream.sentAt, arrivals: stream.arrivals)
            result.message += "; the quality stream before that: " + MediaVerdict.summary(quality)
        }
    }

    private func judgeSuccess(_ findings: TURNFindings, over: String, into result: inout ProbeResult) {
        result.status = .pass
        if findings.relayRoundTrips.isEmpty {
            // No credentials: the 401 challenge (or an open allocation) is the proof.
            result.latencyMs = LatencySummary(durations: findings.allocateRoundTrips)
            let count = findings.allocateRoundTrips.count
            let rtt =
                result.latencyMs.map { String(format: " in %.2f ms", $0.p50) + (count > 1 ? " (p50 of \(count))" : "") }
                ?? ""
            let challenge = findings.error.map { "\($0.code) challenge" } ?? "challenge"
            result.message =
                "relay reachable (\(challenge)\(realmWords(findings)))\(rtt)\(over); "
                + "credentials not given, relay not exercised"
            return
        }
        let relayed = findings.relayed?.endpointText ?? "?"
        var message: String
        if let stream = findings.streamThatRan {
            TURNStreamVerdict(thresholds: probe.mediaThresholds).judge(
                stream, relayed: relayed, over: over, into: &result)
            message = result.message
        } else {
            result.latencyMs = LatencySummary(durations: findings.relayRoundTrips)
            let p50 = result.latencyMs.map { String(format: "%.2f ms", $0.p50) } ?? "?"
            let samples = findings.relayRoundTrips.count == 1 ? "" : " (p50 of \(findings.relayRoundTrips.count))"
            message = "relayed a round trip via \(relayed) in \(p50)\(samples)\(over)"
            if findings.stream != nil { message += "; quality stream not run: the run stopped before it started" }
        }
        if let mapped = findings.mapped { message += "; mapped address \(mapped.endpointText)" }
        switch findings.released {
        case true?: message += "; allocation released"
        case false?: message += "; the allocation was not released (Refresh refused), it expires by itself"
        case nil: break
        }
        let lost = findings.relayRoundTripsTried - findings.relayRoundTrips.count
        if lost > 0, findings.streamThatRan == nil {
            result.status = .warn
            result.reason = .turnRelay
            message += "; but \(lost) of \(findings.relayRoundTripsTried) round trips did not come back"
        }
        result.message = message
    }

    private func realmWords(_ findings: TURNFindings) -> String {
        var words: [String] = []
        if let realm = findings.realm { words.append("realm \(realm)") }
        if let software = findings.software { words.append(software) }
        return words.isEmpty ? "" : ", " + words.joined(separator: ", ")
    }

    private func describe(_ findings: TURNFindings, into result: inout ProbeResult) {
        result.observations.turn = TURNObservation(findings)
    }

    /// The connection phase of an attempt, in a TLS probe's terms.
    private static func tlsOutcome(_ outcome: TURNAttemptOutcome) -> TLSAttemptOutcome {
        switch outcome {
        case .notConnected(let outcome): outcome
        case .session(let connect?, let session?, _): .handshake(connect: connect, .completed(session))
        case .session: .local("plain connection")
        case .proxyFailed(let failure): .local(failure.message)
        }
    }
}
