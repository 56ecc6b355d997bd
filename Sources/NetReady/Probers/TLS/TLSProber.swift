import Foundation
import NetReadyPosix
import NetReadyTLS

/// `tls://HOST:PORT[?sni=&alpn=]`: a TCP connect, then an OpenSSL handshake over the same non-blocking socket.
///
/// TCP failures keep their `tcp.*` reasons; a handshake that is reset, times out or is refused by an alert gets a
/// `tls.*` reason; a completed handshake is judged by its certificate (trust, interception, expiry, name). The
/// samples go to the first resolved address, one after another; the certificate of the first completed handshake
/// is the one judged and reported.
package struct TLSProber: Prober {
    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        guard let address = await probe.firstAddress(into: &result, context: context),
            let settings = TLSAttemptSettings.make(for: probe, options: context.options, into: &result)
        else { return result }
        let source = probe.sourceAddress(for: address, options: context.options)
        let outcomes = await probe.sampleSequentially(
            address, context: context, into: &result, notRun: TLSAttemptOutcome.notRun,
            attempt: {
                await settings.attempt(
                    address, source: source, interface: context.options.interface, timeout: probe.timeout)
            },
            describe: { ($0.session?.elapsed.milliseconds, $0.word) })
        var verdict = TLSVerdict(probe: probe, settings: settings, trustFiles: context.options.caFiles)
        verdict.judge(outcomes, address: address, into: &result)
        return result
    }
}
