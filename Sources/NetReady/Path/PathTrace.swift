import NetReadyPosix

/// A traced path: the hops in TTL order and what they add up to.
package struct PathTrace: Sendable, Equatable {
    /// The protocol traced with.
    package let transport: PathTransport
    /// The address and port traced to (`"198.18.0.20:443"`), or nil when no trace was made.
    package let destination: String?
    /// The hops probed, from TTL 1, up to the one that ended the path or the last one probed.
    package let hops: [PathHop]
    /// Where the path ends.
    package let finding: PathFinding

    /// Builds the trace from per-TTL hops (TTL 1 first), dropping hops past the first one that ended the path.
    package init(transport: PathTransport, destination: SocketAddress, hops: [PathHop], maxHops: Int) {
        self.transport = transport
        self.destination = destination.description
        let end = hops.firstIndex { $0.answer.endsThePath }
        self.hops = end.map { Array(hops[...$0]) } ?? hops
        self.finding = Self.finding(hops: self.hops, destination: destination.ip, maxHops: maxHops)
    }

    /// A trace that was not made, and why.
    package static func notTraced(_ why: String, transport: PathTransport) -> PathTrace {
        PathTrace(transport: transport, finding: .notTraced(why))
    }

    private init(transport: PathTransport, finding: PathFinding) {
        self.transport = transport
        self.destination = nil
        self.hops = []
        self.finding = finding
    }

    private static func finding(hops: [PathHop], destination: String, maxHops: Int) -> PathFinding {
        let lastAnswered = hops.last(where: \.answered)
        guard let last = lastAnswered, let address = last.address else {
            return .noHopAnswered(probedHops: hops.count)
        }
        switch last.answer {
        case .timeExceeded, .none:
            if last.ttl >= maxHops { return .beyondMaxHops(hop: last.ttl, address: address) }
            return .stopsAfter(hop: last.ttl, address: address)
        case .synAck, .reply:
            return .reached(hop: last.ttl, address: address, closedPort: false)
        case .reset:
            return .reset(hop: last.ttl, address: address)
        case .portUnreachable where address == destination:
            return .reached(hop: last.ttl, address: address, closedPort: true)
        case .portUnreachable, .adminProhibited, .unreachable:
            // A router that rejects forwarded traffic answers the probe one TTL past its own hop; name its own hop
            // when it answered "time exceeded" earlier.
            let ownHop = hops.first { $0.address == address && $0.answer == .timeExceeded }?.ttl ?? last.ttl
            return .rejected(
                by: address, hop: ownHop, answer: last.answer, type: last.icmp?.type ?? 0, code: last.icmp?.code ?? 0)
        }
    }
}
