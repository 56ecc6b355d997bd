import Foundation
import Logging
import NetReadyPosix

/// Runs a plan: every probe concurrently under the budget, results in plan order.
///
/// When the stop signal fires (Ctrl-C, SIGTERM, the run deadline), no new attempt starts,
/// in-flight probes get a grace period to finish, and whatever had not finished by then is
/// reported as `skip` ("not run") with the run marked incomplete. Finished results are never lost.
package struct Runner: Sendable {
    package let registry: ProberRegistry
    package let resolver: any HostResolver
    package let options: RunOptions
    /// Diagnostics (`--verbose`): one line per probe as it finishes, and why a run stopped.
    package let logger: Logger

    package init(
        registry: ProberRegistry = .standard, resolver: any HostResolver, options: RunOptions,
        logger: Logger = Logger(label: "netready.runner")
    ) {
        self.registry = registry
        self.resolver = resolver
        self.options = options
        self.logger = logger
    }

    /// What a run produced.
    package struct Outcome: Sendable {
        /// One result per planned probe, in plan order.
        package var results: [ProbeResult]
        /// Why the run stopped early, or nil when every probe finished.
        package var stoppedBecause: String?
        /// The NAT mapping seen from one socket across the run's UDP STUN servers (two or more), if compared.
        package var natBehaviour: NATBehaviourInfo?
    }

    /// Runs every probe of `plan`, calling `onResult` as each one finishes (for NDJSON and progress).
    ///
    /// - Parameter alongside: work that runs in parallel with the probes, in the same budget and stopped with
    ///   them (egress discovery); the run waits for it.
    package func run(
        _ plan: Plan, stop: StopSignal = StopSignal(),
        alongside: (@Sendable (ProbeContext) async -> Void)? = nil,
        onResult: @escaping @Sendable (PlannedProbe, ProbeResult) -> Void = { _, _ in }
    ) async -> Outcome {
        let freeDescriptors = ResourceLimits.openFileLimit() - ResourceLimits.openDescriptorCount()
        let budget = ProbeBudget(
            concurrency: ProbeBudget.concurrency(options.concurrency, openFileLimit: freeDescriptors),
            perHost: options.perHostConcurrency, ratePerSecond: options.ratePerSecond, meter: options.attemptMeter,
            descriptors: ProbeBudget.descriptorCapacity(openFileLimit: freeDescriptors))
        let context = ProbeContext(budget: budget, resolver: resolver, options: options, stop: stop)
        let collector = ResultCollector(count: plan.probes.count)
        let registry = registry
        let logger = logger
        let tracing = options.traceBlocked ? BlockedPathTracing(context: context) : nil
        logger.debug(
            "run starting",
            metadata: [
                "probes": "\(plan.probes.count)", "concurrency": "\(options.concurrency)",
                "per_host": "\(options.perHostConcurrency)",
            ])

        let work = Task {
            await withTaskGroup(of: Void.self) { group in
                if let alongside { group.addTask { await alongside(context) } }
                for probe in plan.probes {
                    group.addTask {
                        var probeContext = context
                        probeContext.silentAttempts = tracing?.watch(for: probe)
                        let observed = await registry.prober(for: probe).run(probe, context: probeContext)
                        var result = Expectation.apply(probe.spec.expect, to: observed)
                        if let tracing { result = await tracing.annotate(result, probe: probe) }
                        if collector.record(result, for: probe.id) {
                            logger.debug(
                                "probe finished",
                                metadata: [
                                    "uri": "\(probe.uri.raw)", "status": "\(result.status.rawValue)",
                                    "reason": "\(result.reason?.rawValue ?? "-")", "message": "\(result.message)",
                                ])
                            onResult(probe, result)
                        }
                    }
                }
            }
        }
        let watchdog = Task {
            if let deadline = options.runDeadline {
                try await Task.sleep(for: deadline)
                stop.trigger("the run deadline of \(formatDuration(deadline)) passed")
            }
        }
        let stopper = Task {
            // Cancelled (nil) when every probe finished before anyone asked the run to stop.
            guard let reason = await stop.wait() else { return }
            logger.notice("stopping: \(reason); in-flight probes get a grace period")
            await budget.close()
            try? await Task.sleep(for: options.gracePeriod)
            collector.seal()
            work.cancel()
        }

        await work.value
        tracing?.finish()
        watchdog.cancel()
        let stoppedBecause = stop.reason
        if stoppedBecause == nil { stopper.cancel() }
        _ = await stopper.result

        let results = collector.results.enumerated().map { index, result in
            result
                ?? ProbeResult(
                    probe: plan.probes[index], status: .skip,
                    message: "not run: \(stoppedBecause ?? "the run stopped") before this probe finished")
        }
        // After the probes, so its datagrams do not share the budget with them; skipped when the run was stopped.
        let nat =
            stoppedBecause == nil
            ? await NATMappingComparison(plan: plan, results: results, options: options)?.run() : nil
        return Outcome(results: results, stoppedBecause: stoppedBecause, natBehaviour: nat)
    }
}
