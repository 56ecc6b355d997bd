import Dispatch
import Logging
import NetReadyPosix
import NetReadyWire

/// The far end of media tests (`netready responder`): echoes UDP datagrams and TCP bytes back to
/// allowed clients, rate-limited per client, and answers STUN Binding (UDP and TCP) and SIP OPTIONS (UDP and TCP,
/// with the request as received) on the same ports. `rtp://` probes measure their round trips against it.
package struct EchoResponder: Sendable {
    package let configuration: ResponderConfiguration
    package let logger: Logger

    package init(configuration: ResponderConfiguration, logger: Logger = Logger(label: "netready.responder")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Opens every listening socket, then serves until `stop` fires.
    ///
    /// - Throws: `IOError` when a socket cannot be opened or bound (port in use, no such address).
    package func run(until stop: StopSignal) async throws {
        var udpSockets: [Socket] = []
        var tcpSockets: [Socket] = []
        let bindings = BindingProbeScheduler()
        defer {
            bindings.stop()  // before the sockets close: no delayed send may reach a reused descriptor
            for socket in udpSockets + tcpSockets { socket.close() }
        }
        for (ip, ports) in configuration.listen {
            for port in ports {
                var address = try SocketAddress(ip: ip, port: port)
                let udp = try Socket(family: address.family, type: .datagram)
                udpSockets.append(udp)
                try udp.setReuseAddress()
                try udp.bind(to: address)
                // The marking each datagram arrived with, for DSCP queries (best effort: the answer says so).
                try? udp.enableReceiveTrafficClass()
                // Port 0 lets the kernel choose; TCP then takes the same number, so one port serves both.
                address = try udp.localAddress()
                if configuration.tcp {
                    let tcp = try Socket(family: address.family, type: .stream)
                    tcpSockets.append(tcp)
                    try tcp.setReuseAddress()
                    try tcp.bind(to: address)
                    try tcp.listen()
                }
            }
        }
        let listening =
            udpSockets.compactMap { (try? $0.localAddress()).map { "udp:\($0)" } }
            + tcpSockets.compactMap { (try? $0.localAddress()).map { "tcp:\($0)" } }
        logger.notice(
            "responder listening",
            metadata: [
                // Every bound address, so whoever started it on port 0 learns the ports from this line.
                "listening": "\(listening.joined(separator: " "))",
                "first_udp": "\(udpSockets.first.flatMap { try? $0.localAddress().description } ?? "none")",
                "answers": "echo, STUN Binding, SIP OPTIONS (sipfrag), DSCP query, NAT binding lifetime",
                "allow": "\(configuration.allow.map(\.description).joined(separator: ","))",
            ])
        let limiter = ClientRateLimiter(rate: configuration.packetsPerSecondPerClient)
        let clients = ResponderClientLog(logger: logger)
        let allow = configuration.allow
        await withTaskGroup(of: Void.self) { group in
            for socket in udpSockets {
                group.addTask {
                    await Self.serveUDP(socket, allow: allow, limiter: limiter, clients: clients, bindings: bindings)
                }
            }
            for socket in tcpSockets {
                group.addTask { await Self.serveTCP(socket, allow: allow, clients: clients) }
            }
            _ = await stop.wait()
            group.cancelAll()
        }
    }

    static func isAllowed(_ ip: String, _ allow: [IPNetwork]) -> Bool {
        allow.contains { $0.contains(ip) }
    }

    /// Echoes datagrams from a standing read source: answering in the event handler keeps the
    /// responder's own delay near the kernel's, which every round trip measured against it includes.
    private static func serveUDP(
        _ socket: Socket, allow: [IPNetwork], limiter: ClientRateLimiter, clients: ResponderClientLog,
        bindings: BindingProbeScheduler
    ) async {
        let queue = DispatchQueue(label: "netready.responder.udp")
        let source = socket.onReadable(queue: queue) {
            while let received = try? socket.receive(maxBytes: SIPMessage.maxBytes),
                case .processed(let datagram) = received
            {
                guard isAllowed(datagram.from.ip, allow) else {
                    clients.refused(datagram.from, transport: "udp", bytes: datagram.bytes.count)
                    continue
                }
                guard limiter.allow(datagram.from.ip) else { continue }
                clients.seen(datagram.from, transport: "udp")
                if BindingProbeScheduler.isRequest(datagram.bytes) {
                    bindings.handle(datagram.bytes, from: datagram.from, on: socket)
                    continue
                }
                guard let answer = answer(to: datagram) else { continue }
                _ = try? socket.send(answer, to: datagram.from)
            }
        }
        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(200)) }
        source.cancel()
        // Let a handler that is running finish before the socket is closed.
        queue.sync {}
    }

    /// Told apart by their first bytes: a STUN Binding request gets a Binding success naming the address it came
    /// from (so a client learns its egress mapping from the far end), a SIP request the SIP answer (OPTIONS: 200
    /// with the request as received), anything else is echoed unchanged; nil when nothing is to be sent.
    static func answer(to datagram: Datagram) -> [UInt8]? {
        if DSCPQuery.isQuery(datagram.bytes) {
            return DSCPQuery.answer(to: datagram.bytes, trafficClass: datagram.trafficClass)
        }
        if STUNMessage.looksLikeSTUN(datagram.bytes) {
            return stunAnswer(to: datagram.bytes, from: datagram.from) ?? datagram.bytes
        }
        if ResponderSIPAnswer.looksLikeSIPRequest(datagram.bytes) {
            return ResponderSIPAnswer.answer(to: datagram.bytes, from: datagram.from)
        }
        return datagram.bytes
    }

    /// The Binding success for a Binding request from `client`; nil for any other STUN message.
    static func stunAnswer(to bytes: [UInt8], from client: SocketAddress) -> [UInt8]? {
        guard let request = try? STUNMessage(decoding: bytes), request.type == STUNMessage.bindingRequest else {
            return nil
        }
        let mapped = STUNAddress(address: client.address.bytes, port: client.port)
        return STUNMessage(
            type: STUNMessage.bindingSuccess, transactionID: request.transactionID,
            attributes: [
                .init(
                    type: STUNMessage.Attribute.xorMappedAddress,
                    value: mapped.xorEncoded(transactionID: request.transactionID)),
                .init(type: STUNMessage.Attribute.software, value: Array("netready responder".utf8)),
            ]
        ).encoded()
    }

    private static func serveTCP(_ listener: Socket, allow: [IPNetwork], clients: ResponderClientLog) async {
        await withTaskGroup(of: Void.self) { connections in
            while !Task.isCancelled {
                guard await listener.waitReadable(timeout: .milliseconds(500)) == .ready else { continue }
                while let accepted = try? listener.accept(), case .processed(let connection) = accepted {
                    guard let peer = try? connection.remoteAddress() else {
                        connection.close()
                        continue
                    }
                    guard isAllowed(peer.ip, allow) else {
                        clients.refused(peer, transport: "tcp", bytes: nil)
                        connection.close()
                        continue
                    }
                    clients.seen(peer, transport: "tcp")
                    connections.addTask { await ResponderStream(connection: connection, peer: peer).serve() }
                }
            }
            connections.cancelAll()
        }
    }
}
