/// A named destination of a target file (`targets:` entry) with the probes that check it.
public struct TargetSpec: Sendable {
    /// Unique name within its file.
    public var name: String
    /// Free text (`description:`).
    public var description: String?
    /// Whether a failure makes the subnet not ready (`required:`, default `true`); optional ones only degrade.
    public var required: Bool
    /// Labels selected with `--tag`.
    public var tags: [String]
    /// The probes, at least one.
    public var probes: [ProbeSpec]
    /// Where the target was written.
    public var location: SourceLocation

    /// Creates a target.
    public init(
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
