import NetReadyPosix
import NetReadyWire

/// A voice-cadence stream through a TURN allocation, as a browser call through the vendor's relay carries it:
/// netready's client socket sends one Send indication every 20 ms to its own second ("peer") socket, the relay
/// forwards each as a plain UDP datagram, the peer echoes it to the relayed address at once, and the relay brings it
/// back to the client as a Data indication.
///
/// Each packet's DATA is the codec's RTP packet (172 bytes for G.711, 72 for Opus; more for `bitrate=`): a
/// per-stream random prefix, the sequence number and padding, so the relay-to-peer leg carries exactly what the call
/// would and late or reordered echoes still count. Round trips run from the instant a Send indication left to the
/// arrival of its Data indication (the kernel's receive timestamp over UDP; over TCP the instant the read returned).
/// The whole stream, the wait for the last echoes included, fits in `duration` (``VoiceCadence``).
struct TURNMediaStream: Sendable {
    let codec: String
    /// The DATA bytes of each packet: the codec's RTP packet, or more for `bitrate=`.
    let payloadBytes: Int
    let cadence: VoiceCadence
    /// Asked as each packet falls due: true once the run was told to stop (Ctrl-C), which ends the stream early.
    let stopped: @Sendable () -> Bool

    /// What the stream saw.
    struct Measurement: Sendable {
        let codec: String
        /// The stream's rate at the IP layer between the relay and the peer, in bits per second.
        let bitsPerSecond: Double
        var sentAt: [ContinuousClock.Instant] = []
        var arrivals: [(sequence: Int, at: ContinuousClock.Instant)] = []
        /// True when the run was stopped before the stream's end.
        var interrupted = false
        /// How the client's path to the server broke mid-stream, which ended the stream there.
        var broken: String?
    }

    /// The rate the packets carry at the IP layer between the relay and the peer.
    var bitsPerSecond: Double {
        VoiceCadence.bitsPerSecond(payloadBytes: payloadBytes, overhead: VoiceCadence.ipAndUDPHeaderBytes)
    }

    /// Streams through `channel` to `peer` (the peer socket's address as the relay sees it); `peerSocket`, connected
    /// to the relayed address, echoes what arrives.
    func run(through channel: TURNChannel, peer: STUNAddress, peerSocket: Socket) async -> Measurement {
        let prefix = Array("nrts".utf8) + (0..<4).map { _ in UInt8.random(in: 0...255) }
        let echo = Task { await Self.echo(on: peerSocket, prefix: prefix) }
        var measured = Measurement(codec: codec, bitsPerSecond: bitsPerSecond)
        let count = cadence.count
        measured.sentAt.reserveCapacity(count)
        let start = ContinuousClock.now
        var drainDeadline: ContinuousClock.Instant?
        do throws(TURNChannel.Failure) {
            while true {
                let sequence = measured.sentAt.count
                if drainDeadline == nil, sequence >= count {
                    drainDeadline = ContinuousClock.now + cadence.drain
                } else if drainDeadline == nil, ContinuousClock.now >= cadence.due(sequence, from: start) {
                    // Asked once per packet, when it is due: a stopped run sends no more.
                    guard stopped() else {
                        try await send(sequence, prefix: prefix, to: peer, through: channel, into: &measured)
                        continue
                    }
                    measured.interrupted = true
                    // Only briefly, so the result is in before the run's grace period ends.
                    drainDeadline = ContinuousClock.now + min(cadence.drain, .milliseconds(200))
                }
                let wait = drainDeadline ?? cadence.due(sequence, from: start)
                if drainDeadline != nil {
                    guard measured.arrivals.count < measured.sentAt.count, ContinuousClock.now < wait else { break }
                }
                while let arrival = try await channel.nextArrival(deadline: wait) {
                    guard arrival.message.method == .data, let data = arrival.message.data, data.count >= 12,
                        Array(data.prefix(8)) == prefix
                    else { continue }
                    measured.arrivals.append((VoiceCadence.sequence(from: data[8..<12]), arrival.at))
                    if drainDeadline != nil, measured.arrivals.count >= measured.sentAt.count { break }
                }
            }
        } catch {
            measured.broken = Self.describe(error)
        }
        echo.cancel()
        await echo.value
        return measured
    }

    private func send(
        _ sequence: Int, prefix: [UInt8], to peer: STUNAddress, through channel: TURNChannel,
        into measured: inout Measurement
    ) async throws(TURNChannel.Failure) {
        var data = prefix + VoiceCadence.bytes(of: sequence)
        data += [UInt8](repeating: 0, count: max(0, payloadBytes - data.count))
        var indication = STUNMessage(.send, .indication)
        indication.attributes = [
            .xorAddress(STUNMessage.Attribute.xorPeerAddress, peer, transactionID: indication.transactionID),
            .data(data),
        ]
        measured.sentAt.append(.now)
        // Over TCP a full send buffer waits at most one drain window: a stream that cannot leave is broken.
        try await channel.sendIndication(indication, deadline: .now + cadence.drainLimit)
    }

    /// The peer's side: every datagram of this stream that the relay delivers goes straight back to it.
    private static func echo(on socket: Socket, prefix: [UInt8]) async {
        while !Task.isCancelled {
            guard await socket.waitReadable(timeout: .milliseconds(50)) == .ready else { continue }
            while case .processed(let datagram)? = try? socket.receive(maxBytes: 65_536) {
                if datagram.bytes.starts(with: prefix) { _ = try? socket.send(datagram.bytes) }
            }
        }
    }

    private static func describe(_ failure: TURNChannel.Failure) -> String {
        switch failure {
        case .timedOut(let invalid): "the server stopped taking the stream" + (invalid.map { " (\($0))" } ?? "")
        case .broken(let words): words
        case .garbage(let words): "the server sent \(words)"
        }
    }
}
