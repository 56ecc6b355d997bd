import NetReadyPosix

/// "Mapping varies by destination" across several STUN servers: one UDP socket sends a Binding request to each
/// server in turn and the mapped addresses they report are compared (RFC 4787 section 4.1, RFC 5780 section 4.3 with
/// independent servers instead of one server's two addresses). Any server that does not answer is left out.
struct NATMappingComparison: Sendable {
    /// One STUN server to ask.
    struct Server: Sendable, Equatable {
        /// What to call it in the report (the probe's URI).
        var label: String
        var address: SocketAddress

        init(label: String, address: SocketAddress) {
            self.label = label
            self.address = address
        }
    }

    /// The servers, at distinct addresses and of one address family.
    let servers: [Server]
    /// Time allowed per server.
    var timeout: Duration
    var source: SocketAddress?
    var interface: String?

    /// A comparison over `servers`, keeping the first of each address and those of the first one's family; nil when
    /// fewer than two remain.
    init?(servers: [Server], timeout: Duration, source: SocketAddress? = nil, interface: String? = nil) {
        var seen = Set<SocketAddress>()
        let family = servers.first?.address.family
        let distinct = servers.filter { $0.address.family == family && seen.insert($0.address).inserted }
        guard distinct.count >= 2 else { return nil }
        self.servers = distinct
        self.timeout = timeout
        self.source = source?.family == family ? source : nil
        self.interface = interface
    }

    /// The comparison a `netready check` run calls for: its `stun:` probes over UDP whose server answered, asked
    /// again from one socket with the run's source and interface; nil with fewer than two such servers.
    init?(plan: Plan, results: [ProbeResult], options: RunOptions) {
        let servers = zip(plan.probes, results).compactMap { probe, result -> Server? in
            guard probe.uri.kind == .stun, STUNProber.transport(of: probe.uri) == .udp,
                result.status == .pass || result.status == .warn,
                let address = result.observations.stun?.serverAddress
            else { return nil }
            return Server(label: probe.uri.raw, address: address)
        }
        let source = options.sourceAddress.flatMap { try? SocketAddress(ip: $0, port: 0) }
        self.init(
            servers: servers, timeout: min(options.timeout, STUNProber.natTestTimeout * 2), source: source,
            interface: options.interface)
    }

    /// Asks every server from one socket, one after another.
    ///
    /// - Returns: what they saw, or nil when fewer than two answered (or no socket could be opened).
    func run() async -> NATBehaviourInfo? {
        guard let family = servers.first?.address.family,
            let socket = try? STUNDatagramSocket.open(family: family, source: source, interface: interface)
        else { return nil }
        defer { socket.close() }
        var seen: [NATBehaviourInfo.Server] = []
        for server in servers {
            let outcome = await STUNDatagramTransaction(
                to: server.address, request: STUNBindingAttempt.bindingRequest(), timeout: timeout
            ).run(on: socket)
            guard let answer = outcome.answer, !answer.isError, let mapped = answer.mappedAddress else { continue }
            seen.append(NATBehaviourInfo.Server(server: server.label, mapped: mapped.description))
        }
        return seen.count >= 2 ? NATBehaviourInfo(servers: seen) : nil
    }
}
