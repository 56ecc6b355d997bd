import NetReadyPosix
import NetReadyWire

extension DNSTransport {
    /// Asks over TCP (RFC 7766): two-octet length, then the message; one query per connection.
    static func tcp(
        _ question: DNSQuestion, server: SocketAddress, timeout: Duration, source: SocketAddress?, interface: String?
    ) async -> DNSExchange.Outcome {
        let id = UInt16.random(in: 0...UInt16.max)
        guard let query = try? DNSMessage.query(id: id, question: question).encoded() else {
            return .localError("cannot encode a query for '\(question.name)'")
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let socket: Socket
        do {
            socket = try Socket.open(family: server.family, type: .stream) { socket throws(IOError) in
                if let interface { try socket.bind(toInterface: interface) }
                if let source { try socket.bind(to: source) }
            }
        } catch {
            return .localError(error.description)
        }
        defer { socket.close() }
        do {
            if try socket.connect(to: server) == .inProgress {
                guard await socket.waitWritable(timeout: deadline - clock.now) == .ready else { return .timedOut }
                let pending = try socket.pendingError()
                guard pending == 0 else {
                    return .unreachable("TCP to \(server): \(IOError.message(ofErrno: pending))")
                }
            }
            var framed = [UInt8(query.count >> 8), UInt8(query.count & 0xFF)] + query
            while !framed.isEmpty {
                if case .processed(let sent) = try socket.send(framed) {
                    framed.removeFirst(sent)
                } else if await socket.waitWritable(timeout: deadline - clock.now) != .ready {
                    return .timedOut
                }
            }
            var received: [UInt8] = []
            while received.count < 2 || received.count < 2 + (Int(received[0]) << 8 | Int(received[1])) {
                switch try socket.read(maxBytes: 65_537) {
                case .processed(let bytes) where bytes.isEmpty:
                    return .invalid("TCP connection closed after \(received.count) octets")
                case .processed(let bytes):
                    received += bytes
                case .wouldBlock:
                    guard await socket.waitReadable(timeout: deadline - clock.now) == .ready else { return .timedOut }
                }
            }
            let length = Int(received[0]) << 8 | Int(received[1])
            switch match(Array(received[2..<2 + length]), id: id, question: question, from: server, server: server) {
            case .success(let message): return .answer(message)
            case .failure(let why): return .invalid(why.description)
            }
        } catch {
            return .unreachable("TCP to \(server): \(error.description)")
        }
    }
}
