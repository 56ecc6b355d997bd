import NetReadyPosix

extension STUNProber {
    /// `stun:HOST?duration=…`: a voice-cadence Binding stream instead of single samples, judged as media.
    func stream(
        _ probe: PlannedProbe, to address: SocketAddress, duration: Duration, context: ProbeContext,
        into result: ProbeResult
    ) async -> ProbeResult {
        // In serve, a public server gets one stream per interval; the last result stands in between.
        let reuseKey = probe.uri.description
        let reuse = context.options.publicStreamInterval.flatMap {
            MediaStreamLimits.isPublic(host: probe.uri.host) ? $0 : nil
        }
        if let reuse, let recent = PublicStreamReuse.shared.recent(reuseKey, within: reuse) { return recent }
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
        if reuse != nil, result.status != .skip { PublicStreamReuse.shared.store(result, for: reuseKey) }
        return result
    }
}
