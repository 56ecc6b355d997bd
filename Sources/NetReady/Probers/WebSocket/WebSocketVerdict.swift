import Foundation
import NetReadyPosix
import NetReadyWire

/// Turns the attempts of a `ws://` or `wss://` probe into its status, reason, message and details.
///
/// For `wss` the TLS side is judged first, exactly as for `tls://` (so an inspection proxy is `tls.intercepted` and
/// its issuer is in the details); only a TLS pass or warn goes on to the upgrade. The first attempt that got an
/// answer decides the upgrade verdict; later attempts that fail make a pass a warn.
struct WebSocketVerdict {
    let probe: PlannedProbe
    let tls: TLSAttemptSettings?
    let trustFiles: [String]
    /// The proxy the attempts were tunnelled through (without credentials), if any.
    var proxy: String?

    /// Judges the attempts; those the proxy did not carry are `http.proxy`, the rest as without a proxy.
    func judge(_ outcomes: [WebSocketAttemptOutcome], address: SocketAddress, into result: inout ProbeResult) {
        let proxyFailures = outcomes.compactMap { outcome -> ProxyTunnel.Failure? in
            if case .proxyFailed(let failure) = outcome { return failure }
            return nil
        }
        if let proxy {
            // The status is kept when the proxy refused: a tunnel that opened shows in the upgrade's own details.
            result.observations.proxyTunnel = ProxyTunnelObservation(
                proxy: proxy, connectStatus: proxyFailures.first?.status)
        }
        // An http.proxy message names the proxy already; any other verdict says which proxy carried the probe.
        defer { if let proxy, result.reason != .httpProxy { result.message += "; through the proxy \(proxy)" } }
        guard let firstFailure = proxyFailures.first else {
            judgeCarried(outcomes, address: address, into: &result)
            return
        }
        guard proxyFailures.count < outcomes.count else {
            firstFailure.record(into: &result)
            return
        }
        judgeCarried(
            outcomes.filter { if case .proxyFailed = $0 { false } else { true } }, address: address, into: &result)
        if result.status == .pass {
            result.status = .warn
            result.reason = .httpProxy
            result.message +=
                "; but " + PartialFailure.words(proxyFailures.count, of: outcomes.count) + ": " + firstFailure.message
        }
    }

    /// Judges attempts that got past any proxy.
    private func judgeCarried(
        _ outcomes: [WebSocketAttemptOutcome], address: SocketAddress, into result: inout ProbeResult
    ) {
        result.latencyMs = LatencySummary(durations: outcomes.compactMap(\.upgradeTime))
        var tlsWords = ""
        if let tls {
            var verdict = TLSVerdict(probe: probe, settings: tls, trustFiles: trustFiles)
            let words = verdict.judge(outcomes.map(Self.tlsOutcome), address: address, into: &result)
            result.latencyMs = LatencySummary(durations: outcomes.compactMap(\.upgradeTime))
            guard result.status == .pass || result.status == .warn else { return }
            tlsWords = "; TLS: " + words
        }
        let answered = outcomes.compactMap { outcome -> (UpgradeAnswer, Duration)? in
            if case .connected(_, _, let answer, let time) = outcome { return (answer, time) }
            return nil
        }
        guard let (answer, time) = answered.first else {
            TLSVerdict.failBeforeHandshake(
                Self.tlsOutcome(outcomes.first ?? .notConnected(.notRun)), address: address, before: "the upgrade",
                into: &result)
            return
        }
        let tlsStatus = result.status
        let tlsReason = result.reason
        switch answer {
        case .switched(let head):
            result.observations.webSocket = WebSocketObservation(head, acceptValid: true)
            result.status = tls == nil ? .pass : tlsStatus
            result.reason = tls == nil ? nil : tlsReason
            result.message =
                String(
                    format: "101 Switching Protocols with a valid Sec-WebSocket-Accept in %.2f ms",
                    time.milliseconds) + tlsWords
            let failures = outcomes.count - answered.count(where: { if case .switched = $0.0 { true } else { false } })
            if failures > 0 && result.status == .pass {
                result.status = .warn
                result.reason = .wsUpgrade
                result.message += "; but " + PartialFailure.words(failures, of: outcomes.count, "did not upgrade")
            }
        case .refused(let head, let why):
            result.observations.webSocket = WebSocketObservation(head, acceptValid: false)
            result.status = .fail
            result.reason = .wsUpgrade
            result.message =
                "the upgrade of \(probe.uri.requestTarget) was refused: \(why)"
                + (head.header("Server").map { " (Server: \($0))" } ?? "") + tlsWords
        case .broken(let words, let timedOut):
            result.status = .fail
            result.reason = timedOut ? .httpTimeout : .wsUpgrade
            result.message = "the upgrade of \(probe.uri.requestTarget) failed: \(words)" + tlsWords
        }
    }

    /// The connection phase of an attempt, in a TLS probe's terms.
    private static func tlsOutcome(_ outcome: WebSocketAttemptOutcome) -> TLSAttemptOutcome {
        switch outcome {
        case .notConnected(let outcome): outcome
        case .connected(let connect, let session?, _, _): .handshake(connect: connect, .completed(session))
        case .connected: .local("plain connection")
        case .proxyFailed(let failure): .local(failure.message)
        }
    }

}
