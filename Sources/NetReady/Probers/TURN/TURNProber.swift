import Foundation
import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// `turn:` and `turns:` (RFC 7065): whether a TURN relay is reachable and, with credentials,
/// whether it really relays.
///
/// Without credentials an Allocate answered by 401 with REALM and NONCE proves the relay is
/// there (pass). With `username` and `credential`, the long-term credential flow allocates a
/// relay, sends data through it to netready's own second socket and back (see
/// ``TURNSession/runRelayCheck(_:)``), then releases it. `turns:` judges the TLS handshake
/// first, exactly like a `tls://` probe. The credential never appears in the result.
package struct TURNProber: Prober {
    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        guard Self.mediaStream(for: probe, context: context) != nil else {
            return await measure(probe, context: context)
        }
        // In serve, a stream through a public relay runs once per interval; the last result stands in between.
        return await PublicStreamReuse.shared.reusing(probe, context: context) {
            await measure(probe, context: context)
        }
    }

    private func measure(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        // Over TCP or TLS, the proxy a browser would use carries the session (its relay check still sends UDP
        // directly, as a browser's media would); the server's address is resolved here all the same, for that.
        var path = ProxyTunnel.Path.direct
        if (probe.uri.transport ?? .udp) != .udp {
            guard let chosen = await ProxyTunnel.path(for: probe, context: context, into: &result) else {
                return result
            }
            path = chosen
        }
        guard let address = await probe.firstAddress(into: &result, context: context) else { return result }
        var settings: TLSAttemptSettings?
        if probe.uri.usesTLS {
            guard let made = TLSAttemptSettings.make(for: probe, options: context.options, into: &result) else {
                return result
            }
            settings = made
        }
        let attempt = TURNAttempt(
            probe: probe, address: address, tls: settings,
            source: probe.sourceAddress(for: address, options: context.options),
            interface: context.options.interface, path: path, stream: Self.mediaStream(for: probe, context: context))
        let started = Date()
        guard let outcome = await context.budget.withSlot(host: address.ip, { await attempt.run() }) else {
            result.status = .skip
            result.message = "not run: the run stopped before this probe started"
            return result
        }
        let verdict = TURNVerdict(probe: probe, tls: settings, trustFiles: context.options.caFiles)
        if case .tunnel(let tunnel, let proxyAddress) = path {
            result.address = proxyAddress.description
            result.observations.proxyTunnel = ProxyTunnelObservation(proxy: tunnel.name)
        }
        if case .proxyFailed(let failure) = outcome {
            failure.record(into: &result)
        } else {
            verdict.judge(outcome, address: address, into: &result)
            if probe.uri.mediaDuration != nil, attempt.stream == nil, outcome.findings != nil {
                result.message += "; quality stream not run: it needs username and credential"
            }
            if case .tunnel(let tunnel, _) = path { result.message += "; through the proxy \(tunnel.name)" }
        }
        result.attempts.append(
            Attempt(at: started, ms: outcome.findings?.firstRoundTrip?.milliseconds, outcome: outcome.word))
        return result
    }
}

extension TURNProber {
    /// The quality stream a probe asks for (`duration=`), when it has the credentials to allocate a relay.
    static func mediaStream(for probe: PlannedProbe, context: ProbeContext) -> TURNMediaStream? {
        guard let duration = probe.uri.mediaDuration, probe.spec.username != nil, probe.spec.credential != nil else {
            return nil
        }
        let codec = probe.uri.mediaCodec ?? "g711"
        let stop = context.stop
        return TURNMediaStream(
            codec: codec,
            payloadBytes: VoiceCadence.payloadBytes(
                carrying: probe.uri.query["bitrate"].flatMap(ThresholdsBlock.bandwidth),
                overhead: VoiceCadence.ipAndUDPHeaderBytes, atLeast: VoiceCadence.payloadBytes(codec: codec)),
            cadence: VoiceCadence(duration: duration, drainLimit: probe.timeout), stopped: { stop?.reason != nil })
    }
}

/// What one TURN probe did: it could not connect (TCP or TLS), or it ran a session.
enum TURNAttemptOutcome: Sendable {
    case notConnected(TLSAttemptOutcome)
    case session(connect: Duration?, tls: TLSSessionInfo?, findings: TURNFindings)
    /// The proxy could not be reached or refused the tunnel.
    case proxyFailed(ProxyTunnel.Failure)

    var findings: TURNFindings? {
        if case .session(_, _, let findings) = self { return findings }
        return nil
    }

    /// The short word for `attempts[]`.
    var word: String {
        switch self {
        case .notConnected(let outcome): outcome.word
        case .proxyFailed(let failure): failure.word
        case .session(_, _, let findings):
            switch findings.failure {
            case .timeout?, .broken?: "timeout"
            case .protocolError?: "protocol"
            case .auth?: "auth"
            case .relay?: "relay"
            case nil: findings.relayRoundTrips.isEmpty ? "challenge" : "relayed"
            }
        }
    }
}

extension TURNFindings {
    /// The first Allocate's round trip.
    var firstRoundTrip: Duration? { allocateRoundTrips.first }
}

/// Opens the path to the server (UDP socket, TCP connection, or TLS over TCP) and runs the session.
struct TURNAttempt: Sendable {
    let probe: PlannedProbe
    let address: SocketAddress
    let tls: TLSAttemptSettings?
    let source: SocketAddress?
    let interface: String?
    /// Direct, or through an HTTP proxy's CONNECT tunnel (TCP and TLS only).
    var path = ProxyTunnel.Path.direct
    /// The quality stream to run through the relay, if any.
    var stream: TURNMediaStream?

    func run() async -> TURNAttemptOutcome {
        let transport = probe.uri.transport ?? .udp
        if transport == .udp {
            let socket: Socket
            do {
                socket = try Socket.open(family: address.family, type: .datagram) { socket throws(IOError) in
                    // The stream's round trips end at the kernel's receive timestamps.
                    if stream != nil { try? socket.setReceiveTimestamps() }
                    if let interface { try socket.bind(toInterface: interface) }
                    if let source { try socket.bind(to: source) }
                    _ = try socket.connect(to: address)
                }
            } catch {
                return .notConnected(.local("could not open a UDP socket to \(address): \(error)"))
            }
            defer { socket.close() }
            let findings = await session(TURNChannel(datagramSocket: socket), transport: "udp")
            return .session(connect: nil, tls: nil, findings: findings)
        }
        let deadline = ContinuousClock.now + probe.timeout
        let socket: Socket
        let connectTime: Duration
        switch await connect(deadline: deadline) {
        case .failure(let failure): return failure.outcome
        case .success(let connected): (socket, connectTime) = connected
        }
        defer { socket.close() }
        // A stream's small packets leave at once, as a browser's do (WebRTC sets TCP_NODELAY): Nagle's algorithm
        // would hold each one until the previous was acknowledged.
        if stream != nil { socket.disableNagle() }
        guard let tls else {
            let findings = await session(TURNChannel(stream: .plain(socket)), transport: "tcp")
            return .session(connect: connectTime, tls: nil, findings: findings)
        }
        switch await tls.handshake(over: socket, connectTime: connectTime, deadline: deadline) {
        case .failed(let outcome):
            return .notConnected(outcome)
        case .ready(let connection, let info):
            let findings = await session(TURNChannel(stream: .tls(connection)), transport: "tls")
            connection.shutdown()
            return .session(connect: connectTime, tls: info, findings: findings)
        }
    }

    /// A TCP connection to the server, or a tunnel to it through the proxy; the time it took to open.
    private func connect(deadline: ContinuousClock.Instant) async -> Result<(Socket, Duration), ConnectFailure> {
        guard case .tunnel(let tunnel, let proxyAddress) = path else {
            let (result, socket) = await TCPConnect.open(
                to: address, source: source, interface: interface, timeout: probe.timeout)
            guard let socket, case .connected(let connectTime) = result else {
                return .failure(ConnectFailure(.notConnected(.tcp(TCPConnectObservation(result)))))
            }
            return .success((socket, connectTime))
        }
        let authority = "\(probe.uri.bracketedHost):\(address.port)"
        switch await tunnel.open(
            to: authority, via: proxyAddress, source: source, interface: interface, deadline: deadline)
        {
        case .failure(let failure): return .failure(ConnectFailure(.proxyFailed(failure)))
        case .success(let opened): return .success((opened.socket, opened.setupTime))
        }
    }

    /// An outcome that ends the attempt before the session, as an `Error` for `Result`.
    private struct ConnectFailure: Error {
        let outcome: TURNAttemptOutcome
        init(_ outcome: TURNAttemptOutcome) { self.outcome = outcome }
    }

    private func session(_ channel: TURNChannel, transport: String) async -> TURNFindings {
        // The second socket's Binding goes to the server's UDP port: the URI's port for
        // turn:...?transport=udp|tcp (a TURN server listens for both there), and the standard
        // STUN port for turns:, whose port speaks TLS/DTLS.
        let port = probe.uri.usesTLS ? 3478 : (probe.uri.port ?? 3478)
        var session = TURNSession(
            channel: channel, server: address, peerBindingPort: port, username: probe.spec.username,
            password: probe.spec.credential, timeout: probe.timeout, samples: probe.samples, source: source,
            interface: interface, stream: stream)
        return await session.run(transport: transport)
    }
}
