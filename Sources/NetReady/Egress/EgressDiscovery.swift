import NetReadyPosix

/// Egress discovery against egress servers: each server is asked over `connections` fresh connections in
/// every address family both it and this host have (or the one `-4`/`-6` allows), inside the run's budget.
package struct EgressDiscovery: Sendable {
    /// The egress servers (`--egress-server`, target files' `egress: {servers:}`).
    package var servers: [ProbeURI]
    /// Fresh connections per server and family.
    package var connections: Int

    /// The default number of fresh connections per server and family.
    package static let defaultConnections = 10

    /// Creates a discovery of `servers`, `connections` fresh connections each.
    package init(servers: [ProbeURI], connections: Int = defaultConnections) {
        self.servers = servers
        self.connections = max(1, connections)
    }

    /// Why `uri` cannot be an egress server (not an http(s)://, dns: or stun: URI), or nil when it can.
    package static func serverProblem(_ uri: ProbeURI) -> String? { EgressMethods.problem(uri) }

    /// What the servers said: every address learned, and how each server fared.
    package struct Findings: Sendable {
        package var observations: [EgressObservation] = []
        package var servers: [EgressServerSummary] = []

        package init() {}
    }

    /// Asks every server; a server that cannot be used, or a family the host lacks, is recorded, not thrown.
    package func run(context: ProbeContext) async -> Findings {
        let families = Self.usableFamilies(context.options)
        return await withTaskGroup(of: (Int, Findings).self) { group in
            for (index, uri) in servers.enumerated() {
                group.addTask {
                    (index, await Self.discover(uri, connections: connections, families: families, context: context))
                }
            }
            var parts = [Findings](repeating: Findings(), count: servers.count)
            for await (index, part) in group { parts[index] = part }
            var findings = Findings()
            for part in parts {
                findings.observations += part.observations
                findings.servers += part.servers
            }
            return findings
        }
    }

    /// The families this run may use: `-4`/`-6`, the `--source` address's, and those the host has.
    static func usableFamilies(_ options: RunOptions) -> Set<AddressFamily> {
        var families = LocalAddressFamilies.available()
        if let family = options.family { families = families.intersection([family]) }
        if let source = options.sourceAddress, let address = try? SocketAddress(ip: source, port: 0) {
            families = families.intersection([address.family])
        }
        return families
    }

    private static func discover(
        _ uri: ProbeURI, connections: Int, families: Set<AddressFamily>, context: ProbeContext
    ) async -> Findings {
        var findings = Findings()
        let method: any EgressMethod
        switch EgressMethods.method(for: uri) {
        case .success(let found): method = found
        case .failure(let error):
            findings.servers.append(unusable(uri, via: uri.kind.rawValue, transport: "", error: error.description))
            return findings
        }
        let via = method.seesResolverAddress ? "\(method.via) (resolver address)" : method.via
        let resolution = await method.endpoints(context: context)
        if let failure = resolution.failure, resolution.addresses.isEmpty {
            findings.servers.append(unusable(uri, via: via, transport: method.transport, error: failure.message))
            return findings
        }
        var endpoints: [SocketAddress] = []
        for family in [AddressFamily.inet, .inet6] {
            if let first = resolution.addresses.first(where: { $0.family == family }) { endpoints.append(first) }
        }
        let usable = endpoints.filter { families.contains($0.family) }
        if usable.isEmpty {
            let offered = endpoints.map(\.family.description).joined(separator: " and ")
            let error =
                endpoints.isEmpty
                ? "\(uri.host) has no address" : "\(uri.host) has only \(offered), which this host cannot use"
            findings.servers.append(unusable(uri, via: via, transport: method.transport, error: error))
            return findings
        }
        for endpoint in usable {
            let answers = await askRepeatedly(method, endpoint: endpoint, connections: connections, context: context)
            var misses: [String: Int] = [:]
            for answer in answers {
                switch answer {
                case .address(let ip):
                    findings.observations.append(
                        EgressObservation(
                            ip: ip, via: method.via, transport: method.transport,
                            isResolverAddress: method.seesResolverAddress))
                case .miss(let why): misses[why, default: 0] += 1
                }
            }
            let learned = answers.count - misses.values.reduce(0, +)
            let commonest = misses.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
            findings.servers.append(
                EgressServerSummary(
                    uri: uri.raw, via: via, transport: method.transport, family: endpoint.family.description,
                    connections: answers.count, learned: learned, error: commonest?.key))
        }
        return findings
    }

    /// `connections` asks at once, each over its own fresh connection and inside a budget slot; fewer answers
    /// come back when the run stops first.
    private static func askRepeatedly(
        _ method: any EgressMethod, endpoint: SocketAddress, connections: Int, context: ProbeContext
    ) async -> [EgressAnswer] {
        await withTaskGroup(of: EgressAnswer?.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    await context.budget.withSlot(host: endpoint.ip) { await method.ask(endpoint, context: context) }
                }
            }
            var answers: [EgressAnswer] = []
            for await answer in group {
                if let answer { answers.append(answer) }
            }
            return answers
        }
    }

    private static func unusable(_ uri: ProbeURI, via: String, transport: String, error: String) -> EgressServerSummary
    {
        EgressServerSummary(
            uri: uri.raw, via: via, transport: transport, family: nil, connections: 0, learned: 0, error: error)
    }
}
