/// Runs one kind of probe. One conforming type per protocol, in the manner of blackbox_exporter:
/// a blocked or broken destination is a `ProbeResult` with a reason, never a thrown error.
package protocol Prober: Sendable {
    /// Runs every attempt of `probe` within the run's budget and returns its result.
    func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult
}

/// What a prober may use while it runs: the budget, the resolver and the run's options.
package struct ProbeContext: Sendable {
    package let budget: ProbeBudget
    package let resolver: any HostResolver
    package let options: RunOptions
    /// The run's stop signal (Ctrl-C): long streams poll it to end early and report what they measured so far.
    package let stop: StopSignal?
    /// Set for a probe that `--trace-blocked` would trace if it failed: its prober reports each attempt's start and
    /// end here, so that the trace can start while the attempt is still silent.
    var silentAttempts: SilentAttemptWatch?

    package init(budget: ProbeBudget, resolver: any HostResolver, options: RunOptions, stop: StopSignal? = nil) {
        self.budget = budget
        self.resolver = resolver
        self.options = options
        self.stop = stop
    }
}
