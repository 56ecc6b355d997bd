import NetReadyPosix

/// Asks a `netready responder` which TOS / traffic class byte a datagram arrived with: the query is sent marked
/// like the stream, to the same address and port, so a router that re-marks that traffic re-marks it too.
///
/// Wire format (UDP): the query is `NRTOS?` and an 8-byte nonce; the answer `NRTOS=`, the nonce, a byte that is 1
/// when the responder could read the TOS (0 when its kernel did not say), and the TOS byte. A server that is not
/// a responder echoes the query unchanged (or says nothing): either way no reading.
struct DSCPQuery: Sendable {
    static let queryMagic = Array("NRTOS?".utf8)
    static let answerMagic = Array("NRTOS=".utf8)

    let destination: SocketAddress
    let trafficClass: UInt8
    let timeout: Duration
    let source: SocketAddress?
    let interface: String?

    /// What came back.
    enum Outcome: Sendable, Equatable {
        /// The responder saw this TOS / traffic class byte.
        case received(UInt8)
        /// A responder answered but its kernel did not report the byte.
        case unknown
        /// The query came back unchanged: an echo server, not a responder.
        case echoed
        /// Nothing answered within the timeout.
        case silent
        /// netready could not send it.
        case local(String)
    }

    /// Whether `bytes` is a query (what the responder answers).
    static func isQuery(_ bytes: [UInt8]) -> Bool { bytes.count == 14 && bytes.starts(with: queryMagic) }

    /// The responder's answer to `query`, which arrived with `trafficClass` (nil when unknown).
    static func answer(to query: [UInt8], trafficClass: UInt8?) -> [UInt8] {
        answerMagic + query[6..<14] + [trafficClass == nil ? 0 : 1, trafficClass ?? 0]
    }

    /// Sends the query (three times, spread over the timeout) and waits for the answer.
    func run() async -> Outcome {
        let socket: Socket
        do {
            socket = try Socket.connectedDatagram(
                to: destination, source: source, interface: interface, trafficClass: trafficClass)
        } catch {
            return .local("\(error)")
        }
        defer { socket.close() }
        let nonce = (0..<8).map { _ in UInt8.random(in: 0...255) }
        let query = Self.queryMagic + nonce
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var nextSend = ContinuousClock.now
        var echoed = false
        while ContinuousClock.now < deadline {
            if ContinuousClock.now >= nextSend {
                _ = try? socket.send(query)
                nextSend = ContinuousClock.now.advanced(by: timeout / 3)
            }
            _ = await socket.waitReadable(timeout: min(nextSend, deadline) - .now)
            while let received = try? socket.receive(maxBytes: 64), case .processed(let datagram) = received {
                let bytes = datagram.bytes
                if bytes == query { echoed = true }
                guard bytes.count == 16, bytes.starts(with: Self.answerMagic), Array(bytes[6..<14]) == nonce else {
                    continue
                }
                return bytes[14] == 1 ? .received(bytes[15]) : .unknown
            }
        }
        return echoed ? .echoed : .silent
    }
}
