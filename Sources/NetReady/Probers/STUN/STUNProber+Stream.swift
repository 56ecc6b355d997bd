import NetReadyPosix

extension STUNProber {
    /// `stun:HOST?duration=…`: a voice-cadence Binding stream instead of single samples, judged as media.
    func stream(
        _ probe: PlannedProbe, to address: SocketAddress, duration: Duration, context: ProbeContext,
        into result: ProbeResult
    ) async -> ProbeResult {
        // In serve, a public server gets one stream per interval; the last result stands in between.
        await PublicStreamReuse.shared.reusing(probe, context: context) {
            var result = result
            let codec = probe.uri.mediaCodec ?? "g711"
            let stop = context.stop
            let stream = STUNMediaStream(
                server: address, codec: codec, duration: duration, drainLimit: probe.timeout,
                source: probe.sourceAddress(for: address, options: context.options),
                interface: context.options.interface, stopped: { stop?.reason != nil })
            let outcome = await context.budget.withSlot(host: address.ip) {
                await STUNStreamGate.shared.one(towards: address.description) { await stream.run() }
            }
            result.recordStream(outcome, to: address) { measured, result in
                STUNStreamVerdict(thresholds: probe.mediaThresholds, codec: codec)
                    .judge(measured, server: address.description, into: &result)
            }
            return result
        }
    }
}
