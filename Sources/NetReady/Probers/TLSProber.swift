import Foundation
import NetReadyPosix
import NetReadyTLS

/// `tls://HOST:PORT[?sni=&alpn=]`: a TCP connect, then an OpenSSL handshake over the same non-blocking socket.
///
/// TCP failures keep their `tcp.*` reasons; a handshake that is reset, times out or is refused by an alert gets a
/// `tls.*` reason; a completed handshake is judged by its certificate (trust, interception, expiry, name). The
/// samples go to the first resolved address, one after another; the certificate of the first completed handshake
/// is the one judged and reported.
public struct TLSProber: Prober {
    public init() {}

    public func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        guard let port = probe.uri.port else {
            result.message = "tls probe without a port"
            return result
        }
        guard let addresses = await probe.resolveAddresses(into: &result, context: context, port: port) else {
            return result
        }
        let address = addresses[0]
        result.address = address.description
        let tlsContext: TLSContext
        do {
            tlsContext = try TLSContextCache.context(caFiles: context.options.caFiles)
        } catch {
            result.status = .error
            result.message = "could not set up TLS: \(error)"
            return result
        }
        let settings = TLSAttemptSettings(probe: probe, context: tlsContext)
        let source = probe.sourceAddress(for: address, options: context.options)

        var outcomes: [TLSAttemptOutcome] = []
        for index in 0..<probe.samples {
            if index > 0 { try? await Task.sleep(for: context.options.sampleInterval) }
            let started = Date()
            let outcome = await context.budget.withSlot(host: address.ip) {
                await settings.attempt(
                    address, source: source, interface: context.options.interface, timeout: probe.timeout)
            } ?? .notRun
            outcomes.append(outcome)
            result.attempts.append(Attempt(
                at: started, ms: outcome.session?.elapsed.milliseconds, outcome: outcome.word,
                address: address.description))
            if case .notRun = outcome { break }
        }
        var verdict = TLSVerdict(probe: probe, settings: settings, trustFiles: context.options.caFiles)
        verdict.judge(outcomes, address: address, into: &result)
        return result
    }
}
