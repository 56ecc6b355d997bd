import NetReadyPosix
import NetReadyWire

/// One OPTIONS transaction over UDP: a connected socket, retransmissions per RFC 3261 17.1.2.2 (timer E starts at
/// T1 = 500 ms and doubles up to T2 = 4 s; after a provisional response it stays at T2), all within the timeout.
struct SIPDatagramTransaction: Sendable {
    static let t1: Duration = .milliseconds(500)
    static let t2: Duration = .seconds(4)

    let target: SIPTarget
    let timeout: Duration

    func run(_ address: SocketAddress, source: SocketAddress?, interface: String?) async -> SIPAttemptOutcome {
        let socket: Socket
        let local: SocketAddress
        do {
            socket = try Socket(family: address.family, type: .datagram)
        } catch {
            return .local("could not open a UDP socket: \(error)")
        }
        defer { socket.close() }
        do {
            try socket.enableErrorQueue()
            try? socket.setReceiveTimestamps()
            if let interface { try socket.bind(toInterface: interface) }
            if let source { try socket.bind(to: source) }
            _ = try socket.connect(to: address)
            local = try socket.localAddress()
        } catch {
            return .local("could not set up UDP to \(address): \(error)")
        }
        let request = SIPOptionsRequest.random(
            targetURI: target.requestURI, transport: target.viaTransport,
            sentBy: SIPHostPort(host: local.ip, port: local.port))
        return await exchange(request, on: socket, localAddress: local.ip)
    }

    private func exchange(
        _ request: SIPOptionsRequest, on socket: Socket, localAddress: String
    ) async -> SIPAttemptOutcome {
        let bytes = request.message.serialized()
        let start = ContinuousClock.now
        let deadline = start.advanced(by: timeout)
        var interval = Self.t1
        var nextSend = start
        var transmissions = 0
        var provisional = 0
        var lastProvisional: String?
        var strays: [String] = []
        while ContinuousClock.now < deadline {
            if ContinuousClock.now >= nextSend {
                _ = try? socket.send(bytes)
                transmissions += 1
                nextSend = ContinuousClock.now.advanced(by: interval)
                interval = provisional > 0 ? Self.t2 : min(interval * 2, Self.t2)
            }
            _ = await socket.waitReadable(timeout: min(nextSend, deadline) - .now)
            if let report = ((try? socket.drainErrorQueue()) ?? []).first(where: { $0.origin != .local }) {
                return .icmp(report)
            }
            while true {
                let datagram: Datagram
                do {
                    guard case .processed(let received) = try socket.receive(maxBytes: SIPMessage.maxBytes) else {
                        break
                    }
                    datagram = received
                } catch {
                    break  // an ICMP error fails the read; the error queue is read on the next turn
                }
                // Keep-alives (RFC 5626: CRLF) and empty datagrams are not answers.
                if datagram.bytes.allSatisfy({ $0 == 13 || $0 == 10 || $0 == 32 }) { continue }
                let message: SIPMessage
                do { message = try SIPMessage(parsing: datagram.bytes, allowingShortBody: true) } catch {
                    return .broken("an answer that is not SIP (\(error)): \(SIPDescribe.start(of: datagram.bytes))")
                }
                guard message.statusCode != nil else { continue }
                guard request.isAnswered(by: message) else {
                    strays.append(SIPDescribe.stray(message, expected: request))
                    continue
                }
                if let status = message.statusCode, status < 200 {
                    if provisional == 0 { interval = Self.t2 }
                    provisional += 1
                    lastProvisional = "\(status) \(message.reasonPhrase ?? "")"
                    continue
                }
                let arrived = datagram.kernelTimestamp ?? ContinuousClock.now
                return .answered(
                    SIPAnswer(
                        request: request, response: message, roundTrip: max(arrived - start, .zero),
                        provisional: provisional, retransmissions: transmissions - 1, localAddress: localAddress))
            }
        }
        if let stray = strays.first { return .broken(stray) }
        return .silent(transmissions: transmissions, provisional: provisional, lastProvisional: lastProvisional)
    }
}
