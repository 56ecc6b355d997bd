import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// One Binding request to a STUN server on a fresh flow (a new UDP socket, or a new TCP/TLS connection).
struct STUNBindingAttempt: Sendable {
    /// What one attempt found.
    enum Outcome: Sendable {
        /// A TCP or TLS connection failed before any STUN was sent, as a TLS probe would say it.
        case notConnected(TLSAttemptOutcome)
        /// The request went out; `connect` and `session` describe the stream, when there was one.
        case exchanged(connect: Duration?, session: TLSSessionInfo?, STUNTransactionOutcome)
        /// The HTTP proxy carrying a TCP/TLS attempt could not be reached or refused the tunnel.
        case proxyFailed(ProxyTunnel.Failure)

        /// The transaction's answer, when there was one.
        var answer: STUNAnswer? {
            if case .exchanged(_, _, let transaction) = self { return transaction.answer }
            return nil
        }

        /// The connection phase, in a TLS probe's terms (for judging a `stuns:` certificate).
        var tlsOutcome: TLSAttemptOutcome {
            switch self {
            case .notConnected(let outcome): outcome
            case .exchanged(let connect?, let session?, _): .handshake(connect: connect, .completed(session))
            case .exchanged: .local("plain connection")
            case .proxyFailed(let failure): .local(failure.message)
            }
        }

        /// The attempt's word for `attempts[]`.
        var word: String {
            switch self {
            case .notConnected(let outcome): outcome.word
            case .proxyFailed(let failure): failure.word
            case .exchanged(_, _, .answered(let answer)): answer.isError ? "error-response" : "answered"
            case .exchanged(_, _, .unanswered(let silence)):
                silence.isProtocolError ? "invalid" : silence.icmp != nil ? "icmp" : "timeout"
            case .exchanged(_, _, .localError): "error"
            }
        }
    }

    let server: SocketAddress
    let transport: STUNTransport
    let timeout: Duration
    var source: SocketAddress?
    var interface: String?
    /// The TLS settings, for `tls`.
    var tls: TLSAttemptSettings?
    /// Extra attributes for the request (CHANGE-REQUEST).
    var attributes: [STUNMessage.Attribute] = []
    /// Direct, or (TCP and TLS only) through an HTTP proxy's CONNECT tunnel to `authority`.
    var path = ProxyTunnel.Path.direct
    /// The `host:port` a tunnel asks for (the URI's host, so that the proxy resolves it).
    var authority: String?

    /// A Binding request with a fresh random transaction ID (RFC 8489 section 6: 96 bits, cryptographically random).
    static func bindingRequest(attributes: [STUNMessage.Attribute] = []) -> STUNMessage {
        STUNMessage(.binding, .request, attributes: attributes)
    }

    /// Runs the attempt; everything, connect and handshake included, fits in `timeout`.
    func run() async -> Outcome {
        let request = Self.bindingRequest(attributes: attributes)
        let deadline = ContinuousClock.now + timeout
        guard transport == .udp else {
            let opening: Result<StreamConnection, TLSAttemptOutcome.Failure>
            if case .tunnel(let tunnel, let proxyAddress) = path {
                switch await tunnel.open(
                    to: authority ?? server.description, via: proxyAddress, source: source, interface: interface,
                    deadline: deadline)
                {
                case .failure(let failure): return .proxyFailed(failure)
                case .success(let opened):
                    opening = await StreamConnection.start(
                        over: opened.socket, connectTime: opened.setupTime, tls: transport == .tls ? tls : nil,
                        deadline: deadline)
                }
            } else {
                opening = await StreamConnection.open(
                    to: server, source: source, interface: interface, tls: transport == .tls ? tls : nil,
                    deadline: deadline)
            }
            switch opening {
            case .failure(let failure):
                return .notConnected(failure.outcome)
            case .success(let connection):
                defer { connection.close() }
                let outcome = await STUNStreamTransaction(request: request, server: server, deadline: deadline)
                    .run(over: connection.stream)
                return .exchanged(connect: connection.connectTime, session: connection.session, outcome)
            }
        }
        let socket: Socket
        do {
            socket = try STUNDatagramSocket.open(family: server.family, source: source, interface: interface)
        } catch {
            return .exchanged(connect: nil, session: nil, .localError("could not open a UDP socket: \(error)"))
        }
        defer { socket.close() }
        let outcome = await STUNDatagramTransaction(to: server, request: request, timeout: timeout).run(on: socket)
        return .exchanged(connect: nil, session: nil, outcome)
    }
}
