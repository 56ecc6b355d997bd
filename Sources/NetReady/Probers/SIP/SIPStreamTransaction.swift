import NetReadyPosix
import NetReadyWire

/// One OPTIONS transaction over TCP, TLS, WebSocket or secure WebSocket: connect (and shake hands, and
/// upgrade), send once (reliable transports are not retransmitted), read until a matching final response.
struct SIPStreamTransaction: Sendable {
    let target: SIPTarget
    let tls: TLSAttemptSettings?
    let timeout: Duration

    func run(_ address: SocketAddress, source: SocketAddress?, interface: String?) async -> SIPAttempt {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let connection: StreamConnection
        switch await StreamConnection.open(
            to: address, source: source, interface: interface, tls: tls, deadline: deadline)
        {
        case .failure(let failure): return SIPAttempt(outcome: .notConnected(failure.outcome))
        case .success(let opened): connection = opened
        }
        defer { connection.close() }
        let outcome = await transact(over: connection, deadline: deadline)
        return SIPAttempt(outcome: outcome, connectTime: connection.connectTime, session: connection.session)
    }

    private func transact(
        over connection: StreamConnection, deadline: ContinuousClock.Instant
    ) async
        -> SIPAttemptOutcome
    {
        var pending: [UInt8] = []
        let sentBy: SIPHostPort
        if target.usesWebSocket {
            let (answer, rest) = await WebSocketHandshake.upgrade(
                over: connection.stream, host: target.webSocketHost, target: "/", protocols: ["sip"],
                deadline: deadline, timeout: timeout)
            switch answer {
            case .switched: pending = rest
            case .refused(_, let why): return .broken("the WebSocket upgrade was refused: \(why)")
            case .broken(_, timedOut: true): return .silent(transmissions: 0, provisional: 0, lastProvisional: nil)
            case .broken(let words, timedOut: false): return .broken("the WebSocket upgrade failed: \(words)")
            }
            sentBy = SIPTarget.webSocketSentBy()
        } else {
            do {
                let local = try connection.socket.localAddress()
                sentBy = SIPHostPort(host: local.ip, port: local.port)
            } catch {
                return .local("could not read the local address: \(error)")
            }
        }
        let request = SIPOptionsRequest.random(
            targetURI: target.requestURI, transport: target.viaTransport, sentBy: sentBy)
        var channel = SIPMessageChannel(stream: connection.stream, webSocket: target.usesWebSocket, pending: pending)
        let outcome = await exchange(request, over: &channel, deadline: deadline)
        guard case .answered(var answer) = outcome else { return outcome }
        answer.localAddress = try? connection.socket.localAddress().ip
        return .answered(answer)
    }

    private func exchange(
        _ request: SIPOptionsRequest, over channel: inout SIPMessageChannel, deadline: ContinuousClock.Instant
    ) async -> SIPAttemptOutcome {
        let start = ContinuousClock.now
        var provisional = 0
        var lastProvisional: String?
        var strays: [String] = []
        do throws(SIPMessageChannel.Failure) {
            try await channel.send(request.message.serialized(), deadline: deadline)
            while true {
                let bytes = try await channel.receive(deadline: deadline)
                let message: SIPMessage
                do { message = try SIPMessage(parsing: bytes, allowingShortBody: true) } catch {
                    return .broken("an answer that is not SIP (\(error)): \(SIPDescribe.start(of: bytes))")
                }
                guard message.statusCode != nil else { continue }  // a request from the server (keep-alive OPTIONS)
                guard request.isAnswered(by: message) else {
                    strays.append(SIPDescribe.stray(message, expected: request))
                    continue
                }
                if let status = message.statusCode, status < 200 {
                    provisional += 1
                    lastProvisional = "\(status) \(message.reasonPhrase ?? "")"
                    continue
                }
                return .answered(
                    SIPAnswer(
                        request: request, response: message, roundTrip: channel.lastReceivedAt - start,
                        provisional: provisional,
                        retransmissions: 0))
            }
        } catch {
            if let stray = strays.first { return .broken(stray) }
            switch error {
            case .stream(.timedOut):
                return .silent(transmissions: 1, provisional: provisional, lastProvisional: lastProvisional)
            case .stream(.closed):
                return .broken(
                    channel.receivedAnything
                        ? "the server closed the connection in the middle of an answer (truncated)"
                        : "the server closed the connection without answering")
            case .stream(.failed(let words)): return .broken(words)
            case .malformed(let words): return .broken("an answer that is not SIP: \(words)")
            }
        }
    }
}

/// Short descriptions of unexpected answers for messages.
enum SIPDescribe {
    /// The first bytes of `bytes`, printable.
    static func start(of bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(40), as: UTF8.self).debugDescription
    }

    /// A response that did not match the request: why.
    static func stray(_ message: SIPMessage, expected request: SIPOptionsRequest) -> String {
        let branch = (try? message.vias().first?.branch) ?? nil
        let status = "\(message.statusCode ?? 0) \(message.reasonPhrase ?? "")"
        return "answered \(status) to another transaction (Via branch \(branch ?? "missing"), CSeq "
            + "\(message.header("cseq") ?? "missing"); expected branch \(request.branch), CSeq 1 OPTIONS)"
    }
}
