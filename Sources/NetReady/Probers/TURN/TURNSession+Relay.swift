import NetReadyPosix
import NetReadyWire

/// The relay round trip: data from netready's own second UDP socket (the "peer") through the
/// allocation and back.
///
/// The peer sits behind the same NAT as the client, so the path must survive it:
///
/// 1. The peer sends a Binding to the server from a fresh socket and learns its mapped address.
/// 2. CreatePermission for that address and the client's own mapped address (permissions are
///    per IP address, RFC 8656 section 9).
/// 3. The peer sends a small datagram to the relayed address (the "hole punch"). It opens the
///    NAT for the relay's later datagrams to the peer: a NAT passes inbound packets only on a
///    flow the inside host opened, and the peer's flow to the server is a different flow (other
///    port) from its flow to the relayed address. When the relay forwards the punch to the
///    client as a Data indication, its XOR-PEER-ADDRESS is the peer's address *as the relay sees
///    it on that flow*, which is where the relay's datagrams must go.
/// 4. Round trips: a Send indication to that address, the peer reads it and answers to the
///    relayed address, and the client reads the Data indication; that time is the relay RTT.
/// 5. With `duration=`, the quality stream (``TURNMediaStream``) over the same path.
///
/// A NAT that maps each flow to another public address (the lab's rotating pool) may give the
/// punch flow an address no permission covers, so the relay drops it: steps 1 to 3 are repeated
/// with a fresh socket, each round adding the newly learned address to the permissions, until
/// the punch comes through or the time (one probe timeout) runs out.
extension TURNSession {
    /// Most rounds of steps 1 to 3 before giving up.
    static let maxPunchRounds = 5

    mutating func runRelayCheck(_ findings: inout TURNFindings) async {
        guard let relayed = findings.relayed,
            let relayAddress = try? SocketAddress(ip: relayed.addressText, port: relayed.port)
        else {
            findings.failure = .relay("the relayed address is not an IP address netready can send to")
            return
        }
        let deadline = ContinuousClock.now + timeout
        var permitted: Set<[UInt8]> = []
        var peer: (socket: Socket, address: STUNAddress)?
        do throws(TURNChannel.Failure) {
            for round in 1...Self.maxPunchRounds where ContinuousClock.now < deadline {
                guard let socket = openPeerSocket(&findings) else { return }
                let mapping = await peerBinding(socket, deadline: deadline)
                if let mapping { findings.peerMappings.append(mapping) }
                let candidates = ([findings.mapped, mapping].compactMap { $0 }).filter {
                    !permitted.contains($0.address)
                }
                if !candidates.isEmpty {
                    guard try await createPermission(for: candidates, into: &findings) else {
                        socket.close()
                        return
                    }
                    candidates.forEach { permitted.insert($0.address) }
                }
                if let seen = try await punch(
                    from: socket, to: relayAddress, deadline: deadline, punchWaitBasis: findings.allocateRoundTrips.last
                ) {
                    peer = (socket, seen)
                    findings.relayNotes.append(
                        "round \(round): the peer's datagram came through as \(seen.endpointText)")
                    break
                }
                findings.relayNotes.append(
                    "round \(round): the peer's datagram (mapped \(mapping?.endpointText ?? "unknown")) was not relayed"
                )
                socket.close()
            }
            guard let peer else {
                findings.failure = .relay(
                    "the allocation at \(relayed.endpointText) was made, but datagrams from netready's second socket "
                        + "never came back through it (permissions for "
                        + permitted.map { STUNAddress(address: $0, port: 0).addressText }.sorted().joined(
                            separator: ", ")
                        + "); a NAT that maps every flow to another address can cause this")
                return
            }
            defer { peer.socket.close() }
            findings.peer = peer.address
            try await roundTrips(peer.socket, peer: peer.address, into: &findings)
            if let stream, !findings.relayRoundTrips.isEmpty {
                findings.stream = await stream.run(through: channel, peer: peer.address, peerSocket: peer.socket)
            }
        } catch {
            peer?.socket.close()
            findings.failure = Self.failure(error, step: "the TURN server during the relay check", findings: findings)
        }
    }

    private func openPeerSocket(_ findings: inout TURNFindings) -> Socket? {
        do {
            return try Socket.open(family: server.family, type: .datagram) { socket throws(IOError) in
                if let interface { try socket.bind(toInterface: interface) }
                if let source { try socket.bind(to: source.withPort(0)) }
                _ = try socket.connect(to: server.withPort(peerBindingPort))
            }
        } catch {
            findings.failure = .relay("could not open the second (peer) socket: \(error)")
            return nil
        }
    }

    /// The peer socket's mapped address from a Binding to the server, or nil without an answer.
    private func peerBinding(_ socket: Socket, deadline: ContinuousClock.Instant) async -> STUNAddress? {
        let binding = TURNChannel(datagramSocket: socket)
        let request = STUNMessage(.binding, .request, attributes: [.software("netready")])
        guard
            let answer = try? await binding.transact(
                request, integrityKey: nil, deadline: min(deadline, .now + timeout))
        else { return nil }
        return (try? answer.message.xorMappedAddress) ?? (try? answer.message.mappedAddress) ?? nil
    }

    /// CreatePermission for `peers`; false after recording the refusal.
    private mutating func createPermission(
        for peers: [STUNAddress], into findings: inout TURNFindings
    ) async throws(TURNChannel.Failure) -> Bool {
        let answer = try await request(.createPermission, authenticated: authentication != nil) { id in
            peers.map { .xorAddress(STUNMessage.Attribute.xorPeerAddress, $0, transactionID: id) }
        }
        guard answer.message.messageClass == .errorResponse else { return true }
        let error = try? answer.message.errorCode
        findings.error = error ?? findings.error
        let words = error.map { "\($0.code) \($0.reason)" } ?? "an error without ERROR-CODE"
        findings.failure = .relay(
            "CreatePermission for " + peers.map(\.addressText).joined(separator: ", ") + " was refused with \(words)")
        return false
    }

    /// Sends the hole punch from the peer to the relayed address; returns the peer's address as
    /// the relay saw it when the punch arrives as a Data indication.
    private func punch(
        from socket: Socket, to relay: SocketAddress, deadline: ContinuousClock.Instant, punchWaitBasis: Duration?
    ) async throws(TURNChannel.Failure) -> STUNAddress? {
        let token = Self.token("punch")
        do {
            _ = try socket.connect(to: relay)
            _ = try socket.send(token)
        } catch {
            throw .broken("the peer socket could not send to the relayed address: \(error)")
        }
        // The relay forwards at once: three Allocate round trips (200 ms at least) is plenty.
        let wait = min(deadline, .now + max(.milliseconds(200), (punchWaitBasis ?? .zero) * 3))
        while let indication = try await channel.nextIndication(deadline: wait) {
            if indication.method == .data, indication.data == token { return try? indication.xorPeerAddress }
        }
        return nil
    }

    /// `samples` round trips: Send indication to the peer, the peer answers, Data indication back.
    private func roundTrips(
        _ socket: Socket, peer: STUNAddress, into findings: inout TURNFindings
    ) async throws(TURNChannel.Failure) {
        for _ in 0..<max(samples, 1) {
            findings.relayRoundTripsTried += 1
            let deadline = ContinuousClock.now + timeout
            let outbound = Self.token("relay")
            var send = STUNMessage(.send, .indication)
            send.attributes = [
                .xorAddress(STUNMessage.Attribute.xorPeerAddress, peer, transactionID: send.transactionID),
                .data(outbound),
            ]
            let start = ContinuousClock.now
            try await channel.sendIndication(send, deadline: deadline)
            guard await Self.receive(outbound, on: socket, deadline: deadline) else {
                findings.relayNotes.append("a Send indication to \(peer.endpointText) never reached the peer")
                continue
            }
            let reply = Self.token("reply")
            _ = try? socket.send(reply)
            while let indication = try await channel.nextIndication(deadline: deadline) {
                if indication.method == .data, indication.data == reply {
                    findings.relayRoundTrips.append(.now - start)
                    break
                }
            }
            if findings.relayRoundTrips.count < findings.relayRoundTripsTried {
                findings.relayNotes.append("the peer's answer never came back as a Data indication")
            }
        }
        if findings.relayRoundTrips.isEmpty {
            findings.failure = .relay(
                "the allocation at \(findings.relayed?.endpointText ?? "?") was made, but no data came back "
                    + "through it: " + findings.relayNotes.suffix(2).joined(separator: "; "))
        }
    }

    /// Waits for `expected` on the (connected) peer socket; other datagrams are skipped.
    private static func receive(
        _ expected: [UInt8], on socket: Socket, deadline: ContinuousClock.Instant
    ) async
        -> Bool
    {
        while true {
            switch try? socket.receive(maxBytes: 2048) {
            case .processed(let datagram) where datagram.bytes == expected: return true
            case .processed: continue
            case .wouldBlock:
                let left = deadline - .now
                guard left > .zero, await socket.waitReadable(timeout: left) == .ready else { return false }
            case nil: return false
            }
        }
    }

    /// A recognisable payload: a label and 12 random bytes, so stale datagrams never match.
    private static func token(_ label: String) -> [UInt8] {
        Array("netready-\(label)-".utf8) + STUNMessage.randomTransactionID()
    }
}
