import Glibc
import NetReadyPosix
import NetReadyWire

/// One question put to one resolver, with the resolver's retries and TCP fallback: what came back and how fast.
struct DNSExchange: Sendable {
    /// How the exchange ended.
    enum Outcome: Sendable {
        /// A matching, well-formed answer (any response code).
        case answer(DNSMessage)
        /// Nothing came back in time.
        case timedOut
        /// Only datagrams that were not a valid answer to this query (garbage, wrong ID or question) arrived.
        case invalid(String)
        /// The resolver's port or host is unreachable (ICMP, or a TCP reset).
        case unreachable(String)
        /// This machine could not send the query (no socket, no route).
        case localError(String)
    }

    var server: SocketAddress
    var question: DNSQuestion
    var outcome: Outcome
    /// `udp`, or `tcp` after a truncated UDP answer.
    var transport: String
    /// From the first send to the answer (or to giving up).
    var elapsed: Duration
    /// UDP sends made (1 plus retries).
    var tries: Int
}

/// Sends DNS queries over UDP and TCP on NetReadyPosix sockets.
///
/// UDP: a fresh socket per exchange, connected to the resolver so the kernel picks a random source port and
/// filters other senders; a random 16-bit ID; answers accepted only when source address, ID and question all
/// match, anything else is ignored and the wait goes on. The same query is resent after each try's timeout,
/// so a late answer to an earlier try still counts. A truncated answer is asked again over TCP.
enum DNSTransport {
    /// Asks `question` of `server`: `attempts` UDP tries of `tryTimeout` each, then TCP if the answer was cut.
    ///
    /// - Parameters:
    ///   - source: bind to this address first (`--source`); nil lets the kernel choose.
    ///   - interface: leave through this interface (`--interface`); nil for the routing table's choice.
    static func exchange(
        _ question: DNSQuestion, server: SocketAddress, tryTimeout: Duration, attempts: Int,
        ednsUDPPayloadSize: UInt16 = 1232, source: SocketAddress? = nil, interface: String? = nil
    ) async -> DNSExchange {
        let clock = ContinuousClock()
        let start = clock.now
        var exchange = DNSExchange(
            server: server, question: question, outcome: .timedOut, transport: "udp", elapsed: .zero, tries: 0)
        exchange.outcome = await udp(
            question, server: server, tryTimeout: tryTimeout, attempts: max(1, attempts),
            ednsUDPPayloadSize: ednsUDPPayloadSize, source: source, interface: interface, tries: &exchange.tries)
        if case .answer(let message) = exchange.outcome, message.header.truncated {
            exchange.transport = "tcp"
            exchange.outcome = await tcp(
                question, server: server, timeout: tryTimeout, source: source, interface: interface)
        }
        exchange.elapsed = clock.now - start
        return exchange
    }

    private static func udp(
        _ question: DNSQuestion, server: SocketAddress, tryTimeout: Duration, attempts: Int,
        ednsUDPPayloadSize: UInt16, source: SocketAddress?, interface: String?, tries: inout Int
    ) async -> DNSExchange.Outcome {
        let id = UInt16.random(in: 0...UInt16.max)
        guard
            let query = try? DNSMessage.query(id: id, question: question, ednsUDPPayloadSize: ednsUDPPayloadSize)
                .encoded()
        else { return .localError("cannot encode a query for '\(question.name)'") }
        let socket: Socket
        do {
            socket = try Socket.open(family: server.family, type: .datagram) { socket throws(IOError) in
                if let interface { try socket.bind(toInterface: interface) }
                if let source { try socket.bind(to: source) }
                _ = try socket.connect(to: server)
            }
        } catch {
            return unreachable(error, server: server) ?? .localError(error.description)
        }
        defer { socket.close() }
        var rejected: String?
        let clock = ContinuousClock()
        for _ in 0..<attempts where !Task.isCancelled {
            do {
                _ = try socket.send(query)
            } catch {
                return unreachable(error, server: server) ?? .localError(error.description)
            }
            tries += 1
            let deadline = clock.now.advanced(by: tryTimeout)
            while clock.now < deadline {
                guard await socket.waitReadable(timeout: deadline - clock.now) == .ready else { break }
                do {
                    while case .processed(let datagram) = try socket.receive(maxBytes: 65_535) {
                        switch match(datagram.bytes, id: id, question: question, from: datagram.from, server: server) {
                        case .success(let message): return .answer(message)
                        case .failure(let why): rejected = why.description
                        }
                    }
                } catch  where error.errnoCode == ECONNREFUSED {
                    return .unreachable("\(DNSSettings.label(server)) port \(server.port) unreachable (ICMP)")
                } catch {
                    return .unreachable("\(DNSSettings.label(server)) unreachable (\(error.errnoName), ICMP)")
                }
            }
        }
        return rejected.map { .invalid($0) } ?? .timedOut
    }

    /// A connect or send that failed because the network says the resolver cannot be reached (no route, an ICMP
    /// unreachable already queued on the socket): `dns.unreachable` at once rather than a wait for a timeout.
    static func unreachable(_ error: IOError, server: SocketAddress) -> DNSExchange.Outcome? {
        switch error.errnoCode {
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN, ECONNREFUSED:
            return .unreachable("\(DNSSettings.label(server)) unreachable (\(error.errnoName))")
        default:
            return nil
        }
    }

    /// Accepts `bytes` as the answer to query `id` for `question` from `server`, or says why not.
    static func match(
        _ bytes: [UInt8], id: UInt16, question: DNSQuestion, from: SocketAddress, server: SocketAddress
    )
        -> Result<DNSMessage, MismatchError>
    {
        guard from == server else { return .failure(MismatchError("an answer from \(from), not \(server)")) }
        let message: DNSMessage
        do {
            message = try DNSMessage(decoding: bytes)
        } catch {
            return .failure(MismatchError("\(bytes.count) octets that are not a DNS message (\(error))"))
        }
        guard message.header.id == id, message.header.isResponse else {
            return .failure(MismatchError("an answer with transaction ID \(message.header.id), not \(id)"))
        }
        guard message.questions.count == 1, message.questions[0].matches(question) else {
            return .failure(MismatchError("an answer to another question"))
        }
        return .success(message)
    }

    /// Why a datagram was not taken as the answer.
    struct MismatchError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
