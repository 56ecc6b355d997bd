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

    /// Flattens target files into a plan. Per-probe settings win over explicit command-line flags,
    /// which win over the file's `defaults:`, which win over the built-in defaults. A tag filter
    /// keeps only targets carrying one of the tags.
    package init(files: [TargetFile], options: RunOptions) {
        var targets: [Target] = []
        var probes: [PlannedProbe] = []
        for file in files {
            for target in file.targets {
                if !options.tags.isEmpty && !target.tags.contains(where: options.tags.contains) { continue }
                let targetIndex = targets.count
                targets.append(Target(name: target.name, required: target.required, tags: target.tags))
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
                            sinkholes: file.sinkholes
                        )
                    )
                }
            }
        }
        self.targets = targets
        self.probes = probes
        self.sources = files.map(\.source)
    }
}
