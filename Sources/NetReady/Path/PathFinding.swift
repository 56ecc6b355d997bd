/// Where a traced path ends, in the words a network team acts on.
package enum PathFinding: Sendable, Equatable {
    /// Hops up to `hop` answered and nothing beyond: something after `address` drops the traffic silently.
    case stopsAfter(hop: Int, address: String)
    /// Not even the first hop answered, up to `probedHops`: the traffic may stop before hop 1, or the routers on the
    /// way do not send (or rate-limit) ICMP time-exceeded, so the trace cannot say where it stops.
    case noHopAnswered(probedHops: Int)
    /// A host on the way refused the traffic with an ICMP error: `answer` says which kind.
    case rejected(by: String, hop: Int, answer: PathHopAnswer, type: UInt8, code: UInt8)
    /// A TCP reset with the destination's address came back `hop` hops out.
    case reset(hop: Int, address: String)
    /// The destination answered (`closedPort`: with an ICMP port unreachable, for UDP).
    case reached(hop: Int, address: String, closedPort: Bool)
    /// Every hop up to the limit answered "time exceeded": the destination is further than `hop` hops.
    case beyondMaxHops(hop: Int, address: String)
    /// No trace was made, and why.
    case notTraced(String)

    /// One word for the kind of finding, for scripts: `silent`, `no-answer`, `rejected`, `reset`, `reached`, ...
    package var outcome: String {
        switch self {
        case .stopsAfter: "silent"
        case .noHopAnswered: "no-answer"
        case .rejected: "rejected"
        case .reset: "reset"
        case .reached: "reached"
        case .beyondMaxHops: "too-far"
        case .notTraced: "not-traced"
        }
    }

    /// `"path stops after hop 1 (10.77.1.1)"`, `"rejected by 10.77.1.1 at hop 1 (admin prohibited, ICMP type 3 code 13)"`.
    package var words: String {
        switch self {
        case .stopsAfter(let hop, let address):
            return "path stops after hop \(hop) (\(address))"
        case .noHopAnswered(let probed):
            return "no hop answered up to TTL \(probed) (routers may not send ICMP time-exceeded, or may rate-limit it)"
        case .rejected(let address, let hop, let answer, let type, let code):
            let kind: String
            switch answer {
            case .adminProhibited: kind = "admin prohibited"
            case .portUnreachable: kind = "port unreachable on the destination's behalf"
            default: kind = "unreachable"
            }
            let icmp = address.contains(":") ? "ICMPv6" : "ICMP"
            return "rejected by \(address) at hop \(hop) (\(kind), \(icmp) type \(type) code \(code))"
        case .reset(let hop, let address):
            return "reset by the destination (RST from \(address) at hop \(hop))"
        case .reached(let hop, _, let closedPort):
            return "reached the destination at hop \(hop)" + (closedPort ? " (port closed)" : "")
        case .beyondMaxHops(let hop, let address):
            return "no answer from the destination within \(hop) hops (last hop \(address))"
        case .notTraced(let why):
            return "path not traced: \(why)"
        }
    }

    /// The last hop the traffic got past or to, and its address, when the path ends somewhere on the way.
    var stopsAfter: (hop: Int, address: String)? {
        switch self {
        case .stopsAfter(let hop, let address), .rejected(let address, let hop, _, _, _): (hop, address)
        case .noHopAnswered, .reset, .reached, .beyondMaxHops, .notTraced: nil
        }
    }
}
