/// A parsed and validated target file (`targets.d/*.yaml`), a shipped profile, or the URIs given as arguments.
package struct TargetFile: Sendable {
    /// `name:`, else the file name without its extension.
    package var name: String
    /// `description:`.
    package var description: String?
    /// `defaults: {timeout:}`, applied to probes without their own timeout.
    package var defaultTimeout: Duration?
    /// `defaults: {samples:}`, applied to probes without their own sample count.
    package var defaultSamples: Int?
    /// The targets, in file order, with unique names.
    package var targets: [TargetSpec]
    /// `resolvers:` — `IP`, `IP:PORT` or `[IPv6]:PORT`.
    package var resolvers: [String]
    /// `egress: {servers:}` — probe URIs used for egress NAT discovery.
    package var egressServers: [String]
    /// `egress: {expect:}` — CIDR blocks the egress address should fall in.
    package var egressExpect: [String]
    /// `sinkholes:` — addresses meaning "blocked" when a name resolves to them.
    package var sinkholes: [String]
    /// The file-level `thresholds:` block, if any.
    package var thresholds: ThresholdsBlock?
    /// Where the file came from.
    package var source: TargetSource

    /// Creates a target file.
    package init(
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
