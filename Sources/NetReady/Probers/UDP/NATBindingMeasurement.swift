import NetReadyPosix

/// How long an idle UDP mapping survives on the path to a `netready responder` (`binding-lifetime=`): one socket
/// per candidate idle time, all at once, each asking the responder for one datagram after its idle time and then
/// staying silent; the datagram gets back only while the NAT still holds the mapping. The whole measurement takes
/// the longest candidate plus a grace period.
struct NATBindingMeasurement: Sendable {
    let destination: SocketAddress
    /// The longest idle time to try.
    let lifetime: Duration
    /// How long to wait for the acknowledgement, and for a delayed datagram past its time.
    let timeout: Duration
    let source: SocketAddress?
    let interface: String?

    /// Candidate idle times: every 15 s up to 120 s, then every 60 s, up to `lifetime` (always included).
    static func candidates(upTo lifetime: Duration) -> [Duration] {
        let limit = Int(lifetime / .seconds(1))
        var times = Array(stride(from: 15, through: min(limit, 120), by: 15))
        if limit > 120 { times += Array(stride(from: 180, through: limit, by: 60)) }
        if times.last != limit, limit > 0 { times.append(limit) }
        return times.map { .seconds($0) }
    }

    /// What one candidate found.
    enum Result: Sendable, Equatable {
        /// The delayed datagram came back: the mapping survived.
        case kept
        /// Acknowledged, but the delayed datagram never came: the mapping was gone.
        case expired
        /// The responder refused (over its limits).
        case refused
        /// The request came back unchanged: an echo server, not a responder.
        case echoed
        /// Nothing acknowledged the request.
        case silent
        case local(String)
    }

    func run() async -> [(idle: Duration, result: Result)] {
        await withTaskGroup(of: (Duration, Result).self) { group in
            for idle in Self.candidates(upTo: lifetime) {
                group.addTask { (idle, await measure(idle)) }
            }
            var results: [(idle: Duration, result: Result)] = []
            for await (idle, result) in group { results.append((idle, result)) }
            return results.sorted { $0.idle < $1.idle }
        }
    }

    private func measure(_ idle: Duration) async -> Result {
        let socket: Socket
        do {
            socket = try Socket.connectedDatagram(
                to: destination, source: source, interface: interface)
        } catch {
            return .local("\(error)")
        }
        defer { socket.close() }
        let nonce = (0..<8).map { _ in UInt8.random(in: 0...255) }
        let request = BindingProbeScheduler.request(nonce: nonce, delay: idle)
        // Phase 1: the acknowledgement (the request is resent until it comes, within the timeout).
        let ackDeadline = ContinuousClock.now.advanced(by: timeout)
        var nextSend = ContinuousClock.now
        var echoed = false
        var acknowledged: ContinuousClock.Instant?
        while acknowledged == nil, ContinuousClock.now < ackDeadline {
            if ContinuousClock.now >= nextSend {
                _ = try? socket.send(request)
                nextSend = ContinuousClock.now.advanced(by: .milliseconds(500))
            }
            _ = await socket.waitReadable(timeout: min(nextSend, ackDeadline) - .now)
            while let kind = receive(on: socket, nonce: nonce, request: request, echoed: &echoed) {
                if kind == 2 { return .refused }
                if kind == 0 { acknowledged = .now }
                if kind == 1 { return .kept }  // an earlier copy's answer: cannot happen before its time
            }
        }
        guard acknowledged != nil else { return echoed ? .echoed : .silent }
        // Phase 2: silence from here; the delayed datagram comes after the idle time, or never.
        let deadline = ContinuousClock.now.advanced(by: idle + timeout)
        while ContinuousClock.now < deadline {
            _ = await socket.waitReadable(timeout: deadline - .now)
            while let kind = receive(on: socket, nonce: nonce, request: request, echoed: &echoed) {
                if kind == 1 { return .kept }
            }
        }
        return .expired
    }

    /// The kind byte of the next answer to `nonce` queued on `socket`; nil when none is queued.
    private func receive(on socket: Socket, nonce: [UInt8], request: [UInt8], echoed: inout Bool) -> UInt8? {
        while let received = try? socket.receive(maxBytes: 64), case .processed(let datagram) = received {
            let bytes = datagram.bytes
            if bytes == request { echoed = true }
            if bytes.count == 16, bytes.starts(with: BindingProbeScheduler.answerMagic), Array(bytes[7..<15]) == nonce {
                return bytes[15]
            }
        }
        return nil
    }
}
