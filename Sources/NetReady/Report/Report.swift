import Foundation

/// A whole run, as SPEC.md pins it (`schema: netready.report/v1`): what support attaches to a ticket.
public struct Report: Codable, Sendable {
    public static let schemaIdentifier = "netready.report/v1"

    public var schema: String = Report.schemaIdentifier
    public var tool: ToolInfo
    public var startedAt: Date
    public var finishedAt: Date
    public var durationMs: Double
    /// True when the run was interrupted (Ctrl-C, SIGTERM, the run deadline) before every probe finished.
    public var incomplete: Bool
    public var host: HostInfo
    public var options: RunOptionsInfo
    public var summary: Summary
    public var egress: EgressInfo
    public var targets: [TargetResult]

    public init(
        tool: ToolInfo, startedAt: Date, finishedAt: Date, incomplete: Bool, host: HostInfo,
        options: RunOptionsInfo, egress: EgressInfo, targets: [TargetResult]
    ) {
        self.tool = tool
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationMs = LatencySummary.rounded(finishedAt.timeIntervalSince(startedAt) * 1000)
        self.incomplete = incomplete
        self.host = host
        self.options = options
        self.egress = egress
        self.targets = targets
        self.summary = Summary(targets: targets, incomplete: incomplete)
    }

    enum CodingKeys: String, CodingKey {
        case schema, tool
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationMs = "duration_ms"
        case incomplete, host, options, summary, egress, targets
    }
}

/// The tool that wrote a report, with the libraries its TLS and HTTP probes use.
public struct ToolInfo: Codable, Sendable {
    public var name: String
    public var version: String
    public var libraries: [String: String]

    public init(name: String = "netready", version: String, libraries: [String: String]) {
        self.name = name
        self.version = version
        self.libraries = libraries
    }
}

/// Where the run happened from. `--redact` masks the identifying parts.
public struct HostInfo: Codable, Sendable {
    public var hostname: String
    public var os: String
    public var interfaces: [InterfaceInfo]
    public var resolvers: [String]
    public var proxy: [String: String]

    public init(hostname: String, os: String, interfaces: [InterfaceInfo], resolvers: [String], proxy: [String: String])
    {
        self.hostname = hostname
        self.os = os
        self.interfaces = interfaces
        self.resolvers = resolvers
        self.proxy = proxy
    }
}

/// One network interface of the probing host.
public struct InterfaceInfo: Codable, Sendable {
    public var name: String
    public var addresses: [String]

    public init(name: String, addresses: [String]) {
        self.name = name
        self.addresses = addresses
    }
}

/// The options a run used, and the target files it read (with their SHA-256, for tickets).
public struct RunOptionsInfo: Codable, Sendable {
    public var samples: Int
    public var timeoutMs: Double
    public var concurrency: Int
    public var sources: [SourceInfo]
    public var tags: [String]

    public init(samples: Int, timeoutMs: Double, concurrency: Int, sources: [SourceInfo], tags: [String]) {
        self.samples = samples
        self.timeoutMs = timeoutMs
        self.concurrency = concurrency
        self.sources = sources
        self.tags = tags
    }

    enum CodingKeys: String, CodingKey {
        case samples
        case timeoutMs = "timeout_ms"
        case concurrency, sources, tags
    }
}

/// A target file the run read.
public struct SourceInfo: Codable, Sendable {
    public var path: String
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// The egress section: which public addresses the subnet leaves from, and whether they rotate.
public struct EgressInfo: Codable, Sendable {
    public var addresses: [EgressAddress]
    public var stable: Bool?
    public var notes: [String]
    /// The addresses per transport, `tcp` and `udp`: the two may leave through different NATs.
    public var byProtocol: [String: [EgressAddress]]?
    /// Addresses of recursive resolvers, seen by `dns:` egress servers asked through them: not this subnet's.
    public var resolverAddresses: [EgressAddress]?
    /// How each egress server answered, per address family.
    public var servers: [EgressServerSummary]?
    /// Whether one socket keeps its public address and port across STUN servers; nil with fewer than two.
    public var nat: NATBehaviourInfo?

    public init(addresses: [EgressAddress] = [], stable: Bool? = nil, notes: [String] = []) {
        self.addresses = addresses
        self.stable = stable
        self.notes = notes
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(addresses, forKey: .addresses)
        try container.encode(stable, forKey: .stable)
        try container.encode(notes, forKey: .notes)
        try container.encodeIfPresent(byProtocol, forKey: .byProtocol)
        try container.encodeIfPresent(resolverAddresses, forKey: .resolverAddresses)
        try container.encodeIfPresent(servers, forKey: .servers)
        try container.encodeIfPresent(nat, forKey: .nat)
    }

    enum CodingKeys: String, CodingKey {
        case addresses, stable, notes
        case byProtocol = "by_protocol"
        case resolverAddresses = "resolver_addresses"
        case servers, nat
    }
}

/// One egress address seen, how often, and by which methods.
public struct EgressAddress: Codable, Sendable {
    public var ip: String
    public var family: String
    public var count: Int
    public var via: [String]

    public init(ip: String, family: String, count: Int, via: [String]) {
        self.ip = ip
        self.family = family
        self.count = count
        self.via = via
    }
}
