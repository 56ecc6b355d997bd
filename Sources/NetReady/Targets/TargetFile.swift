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
