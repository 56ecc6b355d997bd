import NetReadyPosix
import NetReadyTLS

/// The mapped (server-reflexive) address of one fresh flow to a STUN server: what the server saw as the source of a
/// single Binding request from a new UDP socket, TCP connection or TLS connection. Egress discovery asks it once per
/// flow; a NAT that rotates its egress address per flow answers differently each time.
///
/// ```swift
/// let query = STUNMappedAddressQuery(server: try SocketAddress(ip: "198.18.0.2", port: 3478), timeout: .seconds(2))
/// let answer = await query.run()
/// print(answer.mapped?.description ?? answer.message)   // "198.18.0.12:40312"
/// ```
///
/// Over UDP the request is retransmitted per RFC 8489 within `timeout`. Over TLS the handshake must complete, but
/// the certificate is not judged (the `stuns:` prober does that): the address is what matters here.
struct STUNMappedAddressQuery: Sendable {
    /// The transport of the flow.
    typealias Transport = STUNTransport

    /// What one query found: the mapped address, or why there is none.
    struct Answer: Sendable {
        /// The server asked.
        let server: SocketAddress
        let transport: Transport
        /// The address and port the server saw the request come from; nil when the query failed.
        let mapped: SocketAddress?
        /// The Binding round trip (for TCP and TLS, after the connection was set up); nil without an answer.
        let roundTrip: Duration?
        /// The server's SOFTWARE attribute, if it sent one.
        let software: String?
        /// Why there is no mapped address (`stun.timeout`, `stun.error`, `stun.protocol`, `tcp.*`, `tls.*`); nil on
        /// success or for a local error.
        let reason: Reason?
        /// One line for people: the mapped address, or what went wrong.
        let message: String
    }

    var server: SocketAddress
    var transport: Transport
    /// Time for the whole query (connect and handshake included).
    var timeout: Duration
    /// Local address to send from (`--source`), nil for the kernel's choice.
    var source: SocketAddress?
    /// Interface to bind to (`--interface`).
    var interface: String?
    /// Extra trust anchors for TLS (`--ca-file`).
    var caFiles: [String]
    /// SNI for TLS; nil sends none.
    var serverName: String?

    /// A query to `server` over `transport`.
    init(
        server: SocketAddress, transport: Transport = .udp, timeout: Duration = .seconds(3),
        source: SocketAddress? = nil, interface: String? = nil, caFiles: [String] = [], serverName: String? = nil
    ) {
        self.server = server
        self.transport = transport
        self.timeout = timeout
        self.source = source
        self.interface = interface
        self.caFiles = caFiles
        self.serverName = serverName
    }

    /// A query for a `stun:`/`stuns:` URI already resolved to `server`, with the run's source, interface and CA
    /// files; nil for URIs of other schemes.
    init?(uri: ProbeURI, server: SocketAddress, options: RunOptions, timeout: Duration? = nil) {
        guard uri.kind == .stun || uri.kind == .stuns else { return nil }
        let source = options.sourceAddress.flatMap { try? SocketAddress(ip: $0, port: 0) }
        self.init(
            server: server, transport: STUNProber.transport(of: uri),
            timeout: timeout ?? options.timeout, source: source?.family == server.family ? source : nil,
            interface: options.interface, caFiles: options.caFiles,
            serverName: uri.hostIsIPAddress ? nil : uri.host)
    }

    /// Sends one Binding request on a fresh flow and returns what the server reflected.
    func run() async -> Answer {
        var tls: TLSAttemptSettings?
        if transport == .tls {
            do {
                tls = TLSAttemptSettings(
                    context: try TLSContextCache.context(caFiles: caFiles), serverName: serverName,
                    expectedName: serverName ?? server.ip, alpn: [])
            } catch {
                return answer(reason: nil, message: "could not set up TLS: \(error)")
            }
        }
        let attempt = STUNBindingAttempt(
            server: server, transport: transport,
            timeout: timeout, source: source, interface: interface, tls: tls)
        let outcome = await attempt.run()
        if let found = outcome.answer, !found.isError, let mapped = found.mappedAddress {
            return Answer(
                server: server, transport: transport, mapped: mapped, roundTrip: found.roundTrip,
                software: found.software, reason: nil, message: "\(server) saw \(mapped)")
        }
        return failure(outcome)
    }

    private func failure(_ outcome: STUNBindingAttempt.Outcome) -> Answer {
        switch outcome {
        case .proxyFailed(let failure):
            return answer(reason: .httpProxy, message: failure.message)
        case .notConnected(.tcp(let observation)):
            return answer(
                reason: observation.state.reason, message: "\(server) \(observation.state.words): \(observation.detail)"
            )
        case .notConnected(.handshake(_, .failed(let failure))):
            let reason: Reason =
                switch failure.kind {
                case .reset, .closed: .tlsReset
                case .timedOut: .tlsTimeout
                default: .tlsProtocol
                }
            return answer(reason: reason, message: "TLS with \(server) failed: \(failure.detail)")
        case .notConnected(let other):
            return answer(reason: nil, message: "could not query \(server): \(other.word)")
        case .exchanged(_, _, .answered(let error)):
            return answer(
                reason: .stunError, message: "\(server) answered with error \(error.errorDescription ?? "?")")
        case .exchanged(_, _, .unanswered(let silence)):
            return answer(
                reason: silence.isProtocolError ? .stunProtocol : .stunTimeout,
                message: STUNVerdict.words(silence, address: server, transport: transport, timeout: timeout))
        case .exchanged(_, _, .localError(let words)):
            return answer(reason: nil, message: "could not query \(server): \(words)")
        }
    }

    private func answer(reason: Reason?, message: String) -> Answer {
        Answer(
            server: server, transport: transport, mapped: nil, roundTrip: nil, software: nil, reason: reason,
            message: message)
    }
}

extension TLSAttemptSettings {
    /// Settings from their parts, for TLS flows that do not come from a probe.
    init(context: TLSContext, serverName: String?, expectedName: String, alpn: [String]) {
        self.context = context
        self.serverName = serverName
        self.expectedName = expectedName
        self.alpn = alpn
    }
}
