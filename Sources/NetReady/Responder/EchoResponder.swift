import Dispatch
import Logging
import NetReadyPosix
import NetReadyWire

/// The far end of media tests (`netready responder`): echoes UDP datagrams and TCP bytes back to
/// allowed clients, rate-limited per client. `rtp://` probes measure their round trips against it.
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
        defer {
            for socket in udpSockets + tcpSockets { socket.close() }
        }
        for (ip, ports) in configuration.listen {
            for port in ports {
                var address = try SocketAddress(ip: ip, port: port)
                let udp = try Socket(family: address.family, type: .datagram)
                udpSockets.append(udp)
                try udp.setReuseAddress()
                try udp.bind(to: address)
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
        logger.notice(
            "responder listening",
            metadata: [
                "udp_ports": "\(udpSockets.count)", "tcp": "\(configuration.tcp)",
                // The first bound address, so whoever started it on port 0 learns the port from this line.
                "first_udp": "\(udpSockets.first.flatMap { try? $0.localAddress().description } ?? "none")",
                "allow": "\(configuration.allow.map(\.description).joined(separator: ","))",
            ])
        let limiter = ClientRateLimiter(rate: configuration.packetsPerSecondPerClient)
        let allow = configuration.allow
        await withTaskGroup(of: Void.self) { group in
            for socket in udpSockets {
                group.addTask { await Self.serveUDP(socket, allow: allow, limiter: limiter) }
            }
            for socket in tcpSockets {
                group.addTask { await Self.serveTCP(socket, allow: allow) }
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
    private static func serveUDP(_ socket: Socket, allow: [IPNetwork], limiter: ClientRateLimiter) async {
        let queue = DispatchQueue(label: "netready.responder.udp")
        let source = socket.onReadable(queue: queue) {
            while let received = try? socket.receive(maxBytes: 2048), case .processed(let datagram) = received {
                guard isAllowed(datagram.from.ip, allow), limiter.allow(datagram.from.ip) else { continue }
                _ = try? socket.send(answer(to: datagram), to: datagram.from)
            }
        }
        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(200)) }
        source.cancel()
        // Let a handler that is running finish before the socket is closed.
        queue.sync {}
    }

    /// A STUN Binding request gets a Binding success naming the address it came from (so a
    /// client learns its egress mapping from the far end); anything else is echoed unchanged.
    static func answer(to datagram: Datagram) -> [UInt8] {
        guard STUNMessage.looksLikeSTUN(datagram.bytes), let request = try? STUNMessage(decoding: datagram.bytes),
            request.type == STUNMessage.bindingRequest
        else { return datagram.bytes }
        let mapped = STUNAddress(address: datagram.from.address.bytes, port: datagram.from.port)
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

    private static func serveTCP(_ listener: Socket, allow: [IPNetwork]) async {
        await withTaskGroup(of: Void.self) { connections in
            while !Task.isCancelled {
                guard await listener.waitReadable(timeout: .milliseconds(500)) == .ready else { continue }
                while let accepted = try? listener.accept(), case .processed(let connection) = accepted {
                    guard let peer = try? connection.remoteAddress(), isAllowed(peer.ip, allow) else {
                        connection.close()
                        continue
                    }
                    connections.addTask { await echo(connection) }
                }
            }
            connections.cancelAll()
        }
    }

    /// Echoes one TCP connection until the peer closes it, 30 s pass idle, or the responder stops.
    private static func echo(_ connection: Socket) async {
        defer { connection.close() }
        while !Task.isCancelled {
            guard await connection.waitReadable(timeout: .seconds(30)) == .ready else { return }
            guard let read = try? connection.read(maxBytes: 16_384) else { return }
            guard case .processed(let bytes) = read else { continue }
            if bytes.isEmpty { return }
            var offset = 0
            while offset < bytes.count {
                guard let sent = try? connection.send(Array(bytes[offset...])) else { return }
                switch sent {
                case .processed(let count): offset += count
                case .wouldBlock: _ = await connection.waitWritable(timeout: .seconds(5))
                }
            }
        }
    }
}
