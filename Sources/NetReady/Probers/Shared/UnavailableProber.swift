/// Stands in for a prober that a later release brings: the probe is reported as `skip`, saying
/// plainly that the check did not run, never as a pass.
struct UnavailableProber: Prober {
    init() {}

    func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        ProbeResult(
            uri: probe.uri.raw,
            kind: probe.uri.kind.rawValue,
            host: probe.uri.host,
            port: probe.uri.port.map(Int.init),
            transport: probe.uri.transport?.rawValue,
            status: .skip,
            message: "\(probe.uri.kind.rawValue): check not available in this build of netready; it was not run"
        )
    }
}
