import Foundation

/// A whole run, as SPEC.md pins it (`schema: netready.report/v1`): what support attaches to a ticket.
package struct Report: Codable, Sendable {
    package static let schemaIdentifier = "netready.report/v1"

    package var schema: String = Report.schemaIdentifier
    package var tool: ToolInfo
    package var startedAt: Date
    package var finishedAt: Date
    package var durationMs: Double
    /// True when the run was interrupted (Ctrl-C, SIGTERM, the run deadline) before every probe finished.
    package var incomplete: Bool
    package var host: HostInfo
    package var options: RunOptionsInfo
    package var summary: Summary
    /// One row per limit the target files' `thresholds:` state; nil (left out) when they state none.
    package var requirements: [RequirementRow]?
    package var egress: EgressInfo
    package var targets: [TargetResult]

    package init(
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
        case incomplete, host, options, summary, requirements, egress, targets
    }
}

/// The tool that wrote a report, with the libraries its TLS and HTTP probes use.
package struct ToolInfo: Codable, Sendable {
    package var name: String
    package var version: String
    package var libraries: [String: String]

    package init(name: String = "netready", version: String, libraries: [String: String]) {
        self.name = name
        self.version = version
        self.libraries = libraries
    }
}

/// Where the run happened from. `--redact` masks the identifying parts.
package struct HostInfo: Codable, Sendable {
    package var hostname: String
    package var os: String
    package var interfaces: [InterfaceInfo]
    package var resolvers: [String]
    package var proxy: [String: String]

    package init(
        hostname: String, os: String, interfaces: [InterfaceInfo], resolvers: [String], proxy: [String: String]
    ) {
        self.hostname = hostname
        self.os = os
        self.interfaces = interfaces
        self.resolvers = resolvers
        self.proxy = proxy
    }
}

/// One network interface of the probing host.
package struct InterfaceInfo: Codable, Sendable {
    package var name: String
    package var addresses: [String]

    package init(name: String, addresses: [String]) {
        self.name = name
        self.addresses = addresses
    }
}

/// The options a run used, and the target files it read (with their SHA-256, for tickets).
package struct RunOptionsInfo: Codable, Sendable {
    package var samples: Int
    package var timeoutMs: Double
    package var concurrency: Int
    package var sources: [SourceInfo]
    package var tags: [String]

    package init(samples: Int, timeoutMs: Double, concurrency: Int, sources: [SourceInfo], tags: [String]) {
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
package struct SourceInfo: Codable, Sendable {
    package var path: String
    package var sha256: String

    package init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// The egress section: which public addresses the subnet leaves from, and whether they rotate.
package struct EgressInfo: Codable, Sendable {
    package var addresses: [EgressAddress]
    package var stable: Bool?
    package var notes: [String]
    /// The addresses per transport, `tcp` and `udp`: the two may leave through different NATs.
    package var byProtocol: [String: [EgressAddress]]?
    /// Addresses of recursive resolvers, seen by `dns:` egress servers asked through them: not this subnet's.
    package var resolverAddresses: [EgressAddress]?
    /// How each egress server answered, per address family.
    package var servers: [EgressServerSummary]?
    /// Whether one socket keeps its public address and port across STUN servers; nil with fewer than two.
    package var nat: NATBehaviourInfo?

    package init(addresses: [EgressAddress] = [], stable: Bool? = nil, notes: [String] = []) {
        self.addresses = addresses
        self.stable = stable
        self.notes = notes
    }

    package func encode(to encoder: Encoder) throws {
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
package struct EgressAddress: Codable, Sendable {
    package var ip: String
    package var family: String
    package var count: Int
    package var via: [String]

    package init(ip: String, family: String, count: Int, via: [String]) {
        self.ip = ip
        self.family = family
        self.count = count
        self.via = via
    }
}
