/// Stands in for the prober of a probe whose URI names an unset or empty `${NAME}`: nothing is sent, and the
/// result is `skip`, naming each variable and what to export (never a failure: the destination was not tried).
struct UnsetVariableProber: Prober {
    func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        ProbeResult(
            probe: probe, status: .skip, message: UnsetVariable.skipMessage(probe.spec.unsetVariables))
    }
}
