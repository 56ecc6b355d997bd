import Foundation
import NetReadyPosix
import NetReadyTLS

/// Turns the attempts of a TLS probe into its status, reason, message and details.
///
/// A completed handshake is judged in this order: an issuer that names a known inspection product, or that matches
/// none of the probe's `issuer:` patterns, is `tls.intercepted`; a chain that does not reach a trusted anchor is
/// `tls.untrusted`; then `tls.expired` and `tls.hostname`; a leaf that expires within 14 days is a `warn`.
struct TLSVerdict {
    /// Certificates expiring sooner than this are a warning.
    static let expiryWarning: TimeInterval = 14 * 24 * 3600

    let probe: PlannedProbe
    let settings: TLSAttemptSettings
    let trustFiles: [String]
    var now = Date()

    init(probe: PlannedProbe, settings: TLSAttemptSettings, trustFiles: [String]) {
        self.probe = probe
        self.settings = settings
        self.trustFiles = trustFiles
    }

    /// Judges the TLS side of `result`.
    ///
    /// - Returns: the verdict's words, which a probe running over this TLS (`stuns:`, `turns:`, `sips:`,
    ///   `wss://`) quotes after its own as "; TLS: ...".
    @discardableResult
    mutating func judge(
        _ outcomes: [TLSAttemptOutcome], address: SocketAddress, into result: inout ProbeResult
    ) -> String {
        judgeAttempts(outcomes, address: address, into: &result)
        return result.message
    }

    private mutating func judgeAttempts(
        _ outcomes: [TLSAttemptOutcome], address: SocketAddress, into result: inout ProbeResult
    ) {
        let connects = outcomes.compactMap(\.connectTime)
        let handshakes = outcomes.compactMap { $0.session?.elapsed }
        result.observations.tls = TLSObservation(
            serverName: settings.serverName, alpnOffered: settings.alpn,
            connectMs: LatencySummary(durations: connects)?.p50, handshakeMs: LatencySummary(durations: handshakes)?.p50
        )
        result.latencyMs = LatencySummary(durations: handshakes)

        guard let session = outcomes.lazy.compactMap(\.session).first else {
            fail(outcomes.first ?? .notRun, address: address, into: &result)
            return
        }
        describe(session, into: &result)
        judge(session, into: &result)
        if let failed = outcomes.first(where: { $0.session == nil }) {
            PartialFailure.downgrade(&result, failed: outcomes.count { $0.session == nil }, of: outcomes.count) {
                fail(failed, address: address, into: &$0)
            }
        }
    }

    // MARK: handshakes that did not complete

    /// Judges an attempt that never got as far as a handshake (the run stopped, a local error, TCP failed).
    static func failBeforeHandshake(
        _ outcome: TLSAttemptOutcome, address: SocketAddress, before: String = "any TLS",
        into result: inout ProbeResult
    ) {
        switch outcome {
        case .notRun:
            result.status = .skip
            result.message = "not probed: the run stopped before this attempt"
        case .local(let words):
            result.status = .error
            result.message = "could not probe \(address): \(words)"
        case .tcp(let observation):
            result.status = observation.state == .localError ? .error : observation.state == .notRun ? .skip : .fail
            result.reason = observation.state.reason
            result.message = "\(address) \(observation.state.words): \(observation.detail) (TCP, before \(before))"
        case .handshake:
            break
        }
    }

    private func fail(_ outcome: TLSAttemptOutcome, address: SocketAddress, into result: inout ProbeResult) {
        switch outcome {
        case .tcp(let observation) where observation.isResetAfterAccept:
            // A refused connect is ECONNREFUSED; ECONNRESET means the server accepted, then reset before the
            // first TLS byte: what a TLS-blocking firewall does, not an unreachable host.
            let sni = settings.serverName.map { " (SNI \($0))" } ?? " (no SNI)"
            result.status = .fail
            result.reason = .tlsReset
            result.message =
                "\(address) accepted the connection, then reset it before the TLS handshake\(sni): "
                + "\(observation.detail) — the signature of an SNI filter or a TLS-blocking firewall"
        case .notRun, .local, .tcp:
            Self.failBeforeHandshake(outcome, address: address, into: &result)
        case .handshake(let connect, .failed(let failure)):
            result.status = failure.kind == .cancelled ? .skip : .fail
            let connected = String(format: "TCP connected in %.2f ms, then ", connect.milliseconds)
            let sni = settings.serverName.map { " (SNI \($0))" } ?? " (no SNI)"
            switch failure.kind {
            case .reset, .closed:
                result.reason = .tlsReset
                let how = failure.kind == .reset ? "reset" : "closed"
                result.message =
                    connected + "the connection was \(how) during the TLS handshake\(sni): "
                    + "\(failure.detail) — the signature of an SNI filter or a TLS-blocking firewall"
            case .timedOut:
                result.reason = .tlsTimeout
                result.message = connected + "no TLS answer within \(formatDuration(probe.timeout))\(sni)"
            case .alert, .protocolError:
                result.reason = .tlsProtocol
                result.message = connected + "the TLS handshake failed\(sni): \(failure.detail)"
            case .cancelled:
                result.message = "not probed: the run stopped during the handshake"
            }
        case .handshake(_, .completed):
            break
        }
    }

    // MARK: completed handshakes

    private func judge(_ session: TLSSessionInfo, into result: inout ProbeResult) {
        let leaf = session.peerChain.first
        let issuer = leaf?.issuerSummary ?? "unknown"
        let issuers = Array(Set((session.peerChain + session.verifiedChain).map(\.issuer))).sorted()
        let trust = session.trust
        let verified =
            trust.problem == nil || trust.problem == .hostname
            ? "the chain verifies" : "the chain does not verify (\(trust.verifyMessage))"
        result.status = .fail
        if let match = InspectionProducts.match(issuers) {
            result.reason = .tlsIntercepted
            result.observations.tls?.inspectionProduct = match.product
            result.message =
                "certificate issued by \(issuer), which names \(match.product) (\(match.issuer)); "
                + "\(verified) — TLS is intercepted"
        } else if !IssuerPatterns(patterns: probe.spec.issuer).accept(issuers) {
            result.reason = .tlsIntercepted
            result.message =
                "certificate issued by \(issuer), not by the expected issuer ("
                + probe.spec.issuer.joined(separator: ", ") + "); \(verified) — TLS is likely intercepted"
        } else if trust.problem == .untrustedChain || trust.problem == .other {
            result.reason = .tlsUntrusted
            result.message =
                "certificate issued by \(issuer) is not trusted: \(trust.verifyMessage) "
                + "(trust store: \(trustStoreWords)); if that issuer is not your own CA, an inspection proxy may "
                + "be in the path"
        } else if let notAfter = leaf?.notAfter, notAfter < now || trust.problem == .expired {
            result.reason = .tlsExpired
            result.message = "certificate expired on \(Self.day(notAfter)) (issuer \(issuer))"
        } else if trust.problem == .notYetValid {
            result.reason = .tlsExpired
            result.message = "certificate not valid before \(leaf?.notBefore.map(Self.day) ?? "?") (issuer \(issuer))"
        } else if !trust.nameMatches || trust.problem == .hostname {
            result.reason = .tlsHostname
            let names = leaf?.subjectAltNames.joined(separator: ", ") ?? ""
            result.message =
                "certificate does not cover \(trust.expectedName): it is for "
                + "\(names.isEmpty ? leaf?.subject ?? "?" : names) (issuer \(issuer))"
        } else if let notAfter = leaf?.notAfter, notAfter.timeIntervalSince(now) < Self.expiryWarning {
            result.status = .warn
            result.reason = .tlsExpired
            result.message =
                "\(CertificateExpiryWords.soon(notAfter, now: now)) (issuer \(issuer)); "
                + summary(session)
        } else {
            result.status = .pass
            result.message =
                summary(session) + ", issuer \(issuer), valid until "
                + (leaf?.notAfter.map(Self.day) ?? "?") + timings(result)
        }
    }

    private var trustStoreWords: String {
        ([TLSContext.systemTrustFile] + trustFiles.map { "--ca-file \($0)" }).joined(separator: " + ")
    }

    private func summary(_ session: TLSSessionInfo) -> String {
        var words = "\(session.version) \(session.cipher)"
        if let group = session.group { words += " \(group)" }
        if !settings.alpn.isEmpty { words += ", ALPN \(session.alpn ?? "none chosen")" }
        return words
    }

    private func timings(_ result: ProbeResult) -> String {
        guard let connect = result.observations.tls?.connectMs, let handshake = result.observations.tls?.handshakeMs
        else { return "" }
        return String(format: "; connect p50 %.2f ms, handshake p50 %.2f ms", connect, handshake)
    }

    private func describe(_ session: TLSSessionInfo, into result: inout ProbeResult) {
        result.observations.tls?.session = session
        result.observations.tls?.trustStore = [TLSContext.systemTrustFile] + trustFiles
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private static func day(_ date: Date) -> String {
        String(timestamp(date).prefix(10))
    }

}
