import Foundation
import NetReadyPosix

/// Turns the attempts of a `stun:` or `stuns:` probe into its status, reason, message and details.
///
/// For `stuns:` the TLS side is judged first, exactly as for `tls://`; only a TLS pass or warn goes on to STUN.
/// Any Binding success passes (later failed samples make it a warn); with none, an error response is `stun.error`
/// (naming the code), messages that do not answer the request are `stun.protocol`, and silence is `stun.timeout`.
struct STUNVerdict {
    let probe: PlannedProbe
    let transport: STUNTransport
    let tls: TLSAttemptSettings?
    let trustFiles: [String]

    func judge(_ outcomes: [STUNBindingAttempt.Outcome], address: SocketAddress, into result: inout ProbeResult) {
        let answers = outcomes.compactMap(\.answer)
        let successes = answers.filter { !$0.isError }
        let described = successes.first ?? answers.first
        result.observations.stun = STUNObservation(
            transport: transport.rawValue, serverAddress: address,
            mappedAddresses: successes.compactMap(\.mappedAddress),
            mappedAddress: described?.mappedAddress, responseOrigin: described?.responseOrigin,
            otherAddress: described?.otherAddress, software: described?.software,
            transmissions: transport == .udp ? outcomes.compactMap(Self.transmissions) : nil)
        var tlsWords = ""
        if let tls {
            var verdict = TLSVerdict(probe: probe, settings: tls, trustFiles: trustFiles)
            let words = verdict.judge(outcomes.map(\.tlsOutcome), address: address, into: &result)
            result.latencyMs = LatencySummary(durations: answers.map(\.roundTrip))
            guard result.status == .pass || result.status == .warn else { return }
            tlsWords = "; TLS: " + words
        }
        let tlsStatus = result.status
        let tlsReason = result.reason
        result.latencyMs = LatencySummary(durations: answers.map(\.roundTrip))
        guard let first = successes.first else {
            fail(outcomes, address: address, into: &result)
            result.message += tlsWords
            return
        }
        result.status = tls == nil ? .pass : tlsStatus
        result.reason = tls == nil ? nil : tlsReason
        let mapped = successes.compactMap(\.mappedAddress)
        let distinct = Array(Set(mapped.map(\.description))).sorted()
        let addresses = Array(Set(mapped.map(\.ip))).sorted()
        let p50 = result.latencyMs.map { String(format: "%.2f", $0.p50) } ?? "?"
        // Each sample is a new flow from a new local port, so a new mapped port each time is normal; a new
        // mapped address is what a rotating NAT pool shows.
        let mappedWords =
            addresses.count > 1
            ? "varies per flow: \(distinct.joined(separator: ", "))"
            : distinct.count > 1
                ? "\(addresses.first ?? "?") (a new port for each new flow)" : first.mappedAddress?.description ?? "?"
        result.message =
            "Binding answered over \(transport.rawValue) by \(first.source) in p50 \(p50) ms; mapped address "
            + mappedWords
        if let failed = outcomes.first(where: { $0.answer == nil || $0.answer?.isError == true }) {
            PartialFailure.downgrade(&result, failed: outcomes.count - successes.count, of: outcomes.count) {
                fail([failed], address: address, into: &$0)
            }
        }
        result.message += tlsWords
    }

    /// Judges attempts none of which got a Binding success, by the first one that says the most.
    private func fail(_ outcomes: [STUNBindingAttempt.Outcome], address: SocketAddress, into result: inout ProbeResult)
    {
        if let error = outcomes.lazy.compactMap(\.answer).first(where: \.isError) {
            result.status = .fail
            result.reason = .stunError
            result.message =
                "\(error.source) answered the Binding request with error \(error.errorDescription ?? "(no ERROR-CODE)")"
            result.observations.stun?.errorCode = .some(error.errorDescription)
            return
        }
        switch outcomes.first ?? .notConnected(.notRun) {
        case .notConnected(let outcome):
            TLSVerdict.failBeforeHandshake(outcome, address: address, before: "any STUN", into: &result)
        case .proxyFailed(let failure):
            failure.record(into: &result)
        case .exchanged(_, _, .localError(let words)):
            result.status = .error
            result.message = "could not probe \(address): \(words)"
        case .exchanged(_, _, .unanswered(let silence)):
            result.status = .fail
            result.reason = silence.isProtocolError ? .stunProtocol : .stunTimeout
            result.message = Self.words(silence, address: address, transport: transport, timeout: probe.timeout)
        case .exchanged(_, _, .answered):
            break
        }
    }

    /// What a transaction without an answer saw, in words.
    static func words(
        _ silence: STUNSilence, address: SocketAddress, transport: STUNTransport, timeout: Duration
    ) -> String {
        if silence.isProtocolError {
            var parts = Array(Set(silence.invalid.map(\.description))).sorted()
            if let ended = silence.streamEnded { parts.append(ended) }
            return "\(address) did not answer with a valid STUN Binding response: " + parts.joined(separator: "; ")
        }
        if let icmp = silence.icmp {
            let what =
                switch icmp.classification(destination: nil) {
                case .closedPort, .rejectedOnBehalf: "ICMP port unreachable"
                case .prohibited: "ICMP administratively prohibited"
                case .timeExceeded, .unreachable, .local: "\(icmp)"
                }
            let from = icmp.offender.map { " from \($0)" } ?? ""
            return "no STUN answer from \(address): \(what)\(from) after \(requests(silence.transmissions)) over UDP"
        }
        let sent =
            transport == .udp ? " (\(requests(silence.transmissions)) sent over UDP)" : " over \(transport.rawValue)"
        let strays = silence.strays > 0 ? "; \(silence.strays) datagrams from other addresses were ignored" : ""
        return "no STUN answer from \(address) within \(formatDuration(timeout))" + sent + strays
    }

    private static func requests(_ count: Int) -> String { count == 1 ? "1 request" : "\(count) requests" }

    private static func transmissions(_ outcome: STUNBindingAttempt.Outcome) -> Int? {
        switch outcome {
        case .exchanged(_, _, .answered(let answer)): answer.transmissions
        case .exchanged(_, _, .unanswered(let silence)): silence.transmissions
        default: nil
        }
    }
}
