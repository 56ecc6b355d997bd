/// One probe of the plan, with its target's context and the effective timeout and samples.
package struct PlannedProbe: Sendable, Identifiable {
    /// Position in the plan; results are reported in this order.
    package let id: Int
    package let targetIndex: Int
    package let targetName: String
    package let required: Bool
    package let spec: ProbeSpec
    package let timeout: Duration
    package let samples: Int
    /// Addresses that mean "blocked" when a name resolves to them (the file's `sinkholes:`).
    package let sinkholes: [String]
    /// The media limits this probe is judged by: the run's, under its file's and target's `thresholds:`.
    package var mediaThresholds = MediaThresholds()

    package var uri: ProbeURI { spec.uri }
}

/// The flattened work of a run: every probe of every target, in file order.
package struct Plan: Sendable {
    /// One target of the plan (its probes are in `probes`, by `targetIndex`).
    package struct Target: Sendable {
        package let name: String
        package let required: Bool
        package let tags: [String]
    }

    package let targets: [Target]
    package let probes: [PlannedProbe]
    package let sources: [TargetSource]
    /// Every `thresholds:` block of the plan's files and targets, with the probes it covers.
    package let requirementScopes: [RequirementScope]

    /// Flattens target files into a plan. Per-probe settings win over explicit command-line flags,
    /// which win over the file's `defaults:`, which win over the built-in defaults. A tag filter
    /// keeps only targets carrying one of the tags.
    package init(files: [TargetFile], options: RunOptions) {
        var targets: [Target] = []
        var probes: [PlannedProbe] = []
        var scopes: [RequirementScope] = []
        for file in files {
            var fileScope = file.thresholds.map {
                RequirementScope(
                    label: file.name, block: $0, limits: options.mediaThresholds.applying($0), probeIDs: [],
                    required: false)
            }
            var targetScopes: [RequirementScope] = []
            for target in file.targets {
                if !options.tags.isEmpty && !target.tags.contains(where: options.tags.contains) { continue }
                let targetIndex = targets.count
                targets.append(Target(name: target.name, required: target.required, tags: target.tags))
                let limits = options.mediaThresholds.applying(file.thresholds).applying(target.thresholds)
                let firstProbe = probes.count
                for spec in target.probes {
                    probes.append(
                        PlannedProbe(
                            id: probes.count,
                            targetIndex: targetIndex,
                            targetName: target.name,
                            required: target.required,
                            spec: spec,
                            timeout: spec.timeout
                                ?? (options.timeoutIsExplicit
                                    ? options.timeout : file.defaultTimeout ?? options.timeout),
                            samples: spec.samples
                                ?? (options.samplesAreExplicit
                                    ? options.samples : file.defaultSamples ?? options.samples),
                            sinkholes: file.sinkholes, mediaThresholds: limits
                        )
                    )
                }
                let ids = Array(firstProbe..<probes.count)
                fileScope?.probeIDs += ids
                if target.required { fileScope?.required = true }
                if let block = target.thresholds {
                    targetScopes.append(
                        RequirementScope(
                            label: target.name, block: block, limits: limits, probeIDs: ids, required: target.required))
                }
            }
            // The file's rows first, then each target's own.
            if let fileScope, !fileScope.probeIDs.isEmpty { scopes.append(fileScope) }
            scopes += targetScopes
        }
        self.targets = targets
        self.probes = probes
        self.requirementScopes = scopes
        self.sources = files.map(\.source)
    }
}
