import NetReadyPosix
import NetReadyWire

/// One name and type asked of one resolver, with CNAME chains followed: the records, the chain, the verdict.
struct DNSLookup: Sendable {
    /// The resolver asked.
    var server: SocketAddress
    /// The name asked first.
    var name: String
    var type: DNSRecordType
    /// The response code of the last answer; nil when none came.
    var responseCode: DNSResponseCode?
    /// CNAME targets followed from `name`, in order.
    var chain: [String] = []
    /// The records of `type` owned by the end of the chain.
    var records: [DNSRecord] = []
    /// `udp`, or `tcp` when an answer was truncated.
    var transport = "udp"
    /// Time spent on every exchange of the lookup.
    var elapsed: Duration = .zero
    /// Why there is no usable answer: a `dns.*` reason and words; nil for an answer (possibly with no data).
    var failure: (reason: Reason, message: String)?

    /// The smallest TTL along the chain and the records, as a cache would keep the answer.
    var ttl: UInt32?

    /// The records as dig prints them.
    var answers: [String] { records.map(\.data.presentation) }

    /// The longest CNAME chain followed, across answers and follow-up queries (glibc stops at a similar depth).
    static let maximumChain = 16

    /// Asks `server` for `name`/`type`, re-asking for a CNAME target the answer did not resolve.
    ///
    /// - Parameter timeout: the whole lookup's budget; each UDP try gets `timeout / attempts` at most.
    static func run(
        _ name: String, type: DNSRecordType, server: SocketAddress, settings: DNSSettings, timeout: Duration
    ) async -> DNSLookup {
        var lookup = DNSLookup(server: server, name: name, type: type)
        let tryTimeout = min(settings.tryTimeout, timeout / settings.attempts)
        var current = name
        var ttls: [UInt32] = []
        for _ in 0..<8 {
            let exchange = await DNSTransport.exchange(
                DNSQuestion(name: current, type: type), server: server, tryTimeout: tryTimeout,
                attempts: settings.attempts, ednsUDPPayloadSize: settings.ednsUDPPayloadSize,
                source: settings.source(for: server), interface: settings.interface)
            lookup.elapsed += exchange.elapsed
            if exchange.transport == "tcp" { lookup.transport = "tcp" }
            guard case .answer(let message) = exchange.outcome else {
                lookup.failure = failure(exchange, tryTimeout: tryTimeout)
                return lookup
            }
            lookup.responseCode = message.responseCode
            if let failure = failure(message.responseCode, name: current, server: server) {
                lookup.failure = failure
                return lookup
            }
            // Follow the chain through this answer; a CNAME query wants the alias itself.
            while type != .cname, lookup.chain.count < maximumChain,
                let alias = message.answers.first(where: { $0.type == .cname && DNSName.equal($0.name, current) }),
                case .cname(let target) = alias.data
            {
                lookup.chain.append(target)
                ttls.append(alias.ttl)
                current = target
            }
            lookup.records = message.answers.filter { $0.type == type && DNSName.equal($0.name, current) }
            if !lookup.records.isEmpty || lookup.chain.isEmpty || lookup.chain.count >= maximumChain {
                ttls += lookup.records.map(\.ttl)
                lookup.ttl = ttls.min()
                return lookup
            }
        }
        lookup.ttl = ttls.min()
        return lookup
    }

    /// The reason for an exchange that produced no answer.
    static func failure(_ exchange: DNSExchange, tryTimeout: Duration) -> (Reason, String)? {
        let server = DNSSettings.label(exchange.server)
        switch exchange.outcome {
        case .answer: return nil
        case .timedOut:
            return (.dnsTimeout, "\(server) did not answer (\(exchange.tries) × \(formatDuration(tryTimeout)))")
        case .invalid(let why): return (.dnsProtocol, "\(server) sent no valid answer, only \(why)")
        case .unreachable(let why): return (.dnsUnreachable, why)
        case .localError(let why): return (.dnsTimeout, "could not ask \(server): \(why)")
        }
    }

    /// The reason for an error response code; nil for NOERROR.
    static func failure(_ code: DNSResponseCode, name: String, server: SocketAddress) -> (Reason, String)? {
        let who = DNSSettings.label(server)
        switch code {
        case .noError: return nil
        case .nameError: return (.dnsNXDomain, "\(who): \(name) does not exist (NXDOMAIN)")
        case .refused: return (.dnsRefused, "\(who) refused to answer for \(name) (REFUSED)")
        default: return (.dnsServFail, "\(who) failed to resolve \(name) (\(code))")
        }
    }
}
