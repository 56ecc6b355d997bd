import Foundation
import NetReadyPosix

/// `sip:` and `sips:` with `;transport=udp|tcp|tls|ws|wss`: an OPTIONS request (RFC 3261 11), and a look at
/// what came back for a SIP ALG's rewriting.
///
/// UDP retransmits per RFC 3261 timer E; TCP and TLS frame by Content-Length; WebSocket carries each message
/// in one text frame (RFC 7118). Samples run one after another to the first resolved address, each a fresh
/// transaction (new socket or connection, branch, Call-ID). See ``SIPVerdict`` for how they are judged.
struct SIPProber: Prober {
    init() {}

    func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        let target = SIPTarget(uri: probe.uri)
        result.transport = target.transport.rawValue
        guard let address = await probe.firstAddress(into: &result, context: context) else { return result }
        var settings: TLSAttemptSettings?
        if target.transport == .tls || target.transport == .wss {
            guard let made = TLSAttemptSettings.make(for: probe, options: context.options, into: &result) else {
                return result
            }
            settings = made
        }
        let source = probe.sourceAddress(for: address, options: context.options)
        let interface = context.options.interface
        let datagram = SIPDatagramTransaction(target: target, timeout: probe.timeout)
        let stream = SIPStreamTransaction(target: target, tls: settings, timeout: probe.timeout)
        let attempts = await probe.sampleSequentially(
            address, context: context, into: &result, notRun: SIPAttempt(outcome: .notRun),
            attempt: {
                target.transport == .udp
                    ? SIPAttempt(outcome: await datagram.run(address, source: source, interface: interface))
                    : await stream.run(address, source: source, interface: interface)
            },
            describe: { ($0.outcome.answer?.roundTrip.milliseconds, $0.outcome.word) })
        SIPVerdict(probe: probe, target: target, tls: settings, trustFiles: context.options.caFiles)
            .judge(attempts, address: address, into: &result)
        return result
    }
}
