/// Where a target file came from, and the SHA-256 of its bytes (reported as `options.sources[]`).
public struct TargetSource: Sendable, Hashable, Codable {
    /// The path as given, `profile:NAME` for a shipped profile, or `command line` for URI arguments.
    public var path: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    public var sha256: String

    /// Creates a source record.
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// A parsed and validated target file (`targets.d/*.yaml`), a shipped profile, or the URIs given as arguments.
public struct TargetFile: Sendable {
    /// `name:`, else the file name without its extension.
    public var name: String
    /// `description:`.
    public var description: String?
    /// `defaults: {timeout:}`, applied to probes without their own timeout.
    public var defaultTimeout: Duration?
    /// `defaults: {samples:}`, applied to probes without their own sample count.
    public var defaultSamples: Int?
    /// The targets, in file order, with unique names.
    public var targets: [TargetSpec]
    /// `resolvers:` — `IP`, `IP:PORT` or `[IPv6]:PORT`.
    public var resolvers: [String]
    /// `egress: {servers:}` — probe URIs used for egress NAT discovery.
    public var egressServers: [String]
    /// `egress: {expect:}` — CIDR blocks the egress address should fall in.
    public var egressExpect: [String]
    /// `sinkholes:` — addresses meaning "blocked" when a name resolves to them.
    public var sinkholes: [String]
    /// Where the file came from.
    public var source: TargetSource

    /// Creates a target file.
    public init(
        name: String, description: String? = nil, defaultTimeout: Duration? = nil, defaultSamples: Int? = nil,
        targets: [TargetSpec], resolvers: [String] = [], egressServers: [String] = [], egressExpect: [String] = [],
        sinkholes: [String] = [], source: TargetSource
    ) {
        self.name = name
        self.description = description
        self.defaultTimeout = defaultTimeout
        self.defaultSamples = defaultSamples
        self.targets = targets
        self.resolvers = resolvers
        self.egressServers = egressServers
        self.egressExpect = egressExpect
        self.sinkholes = sinkholes
        self.source = source
    }
}
