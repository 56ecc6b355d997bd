import NetReadyPosix

/// The `dscp=` check of an `rtp://` or `udp://` probe: asks the responder what marking arrived.
enum DSCPCheck {
    /// Queries `address` with `dscp`, marked like the probe's own datagrams, from the probe's source.
    static func read(
        _ dscp: DSCP, at address: SocketAddress, probe: PlannedProbe, context: ProbeContext
    ) async -> DSCPReading {
        let query = DSCPQuery(
            destination: address, trafficClass: dscp.trafficClass, timeout: min(probe.timeout, .seconds(3)),
            source: probe.sourceAddress(for: address, options: context.options), interface: context.options.interface)
        return DSCPReading(sent: dscp, outcome: await query.run())
    }
}
