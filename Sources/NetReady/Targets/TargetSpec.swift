/// A named destination of a target file (`targets:` entry) with the probes that check it.
package struct TargetSpec: Sendable {
    /// Unique name within its file.
    package var name: String
    /// Free text (`description:`).
    package var description: String?
    /// Whether a failure makes the subnet not ready (`required:`, default `true`); optional ones only degrade.
    package var required: Bool
    /// Labels selected with `--tag`.
    package var tags: [String]
    /// The probes, at least one.
    package var probes: [ProbeSpec]
    /// Where the target was written.
    package var location: SourceLocation
    /// The target's own `thresholds:` block, if any.
    package var thresholds: ThresholdsBlock?

    /// Creates a target.
    package init(
        name: String, description: String? = nil, required: Bool = true, tags: [String] = [],
        probes: [ProbeSpec], location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.required = required
        self.tags = tags
        self.probes = probes
        self.location = location
    }
}
