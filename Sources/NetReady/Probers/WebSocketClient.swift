import Foundation
import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// Makes one WebSocket upgrade attempt: connect, TLS for `wss`, request, and the head of the answer.
struct WebSocketClient: Sendable {
    let probe: PlannedProbe
    let tls: TLSAttemptSettings?

    /// The `Host:` header: the host, with the port when it is not the scheme's default.
    var hostHeader: String {
        let uri = probe.uri
        return uri.hasExplicitPort && uri.port != uri.kind.defaultPort
            ? "\(uri.bracketedHost):\(uri.port ?? 0)" : uri.bracketedHost
    }

    /// The whole attempt fits in the probe's timeout.
    func attempt(
        _ address: SocketAddress, source: SocketAddress?, interface: String?
    ) async
        -> WebSocketAttemptOutcome
    {
        let deadline = ContinuousClock.now.advanced(by: probe.timeout)
        let (result, socket) = await TCPConnect.open(
            to: address, source: source, interface: interface, timeout: probe.timeout)
        guard let socket, case .connected(let connectTime) = result else {
            return .notConnected(.tcp(TCPConnectObservation(result)))
        }
        defer { socket.close() }
        var session: TLSSessionInfo?
        let stream: ByteStream
        if let tls {
            let connection: TLSConnection
            switch await tls.handshake(over: socket, connectTime: connectTime, deadline: deadline) {
            case .failed(let outcome): return .notConnected(outcome)
            case .ready(let ready, let info):
                connection = ready
                session = info
            }
            stream = .tls(connection)
        } else {
            stream = .plain(socket)
        }
        let start = ContinuousClock.now
        let answer = await upgrade(over: stream, deadline: deadline)
        if case .tls(let connection) = stream { connection.shutdown() }
        return .connected(connect: connectTime, session: session, answer: answer, upgrade: .now - start)
    }

    private func upgrade(over stream: ByteStream, deadline: ContinuousClock.Instant) async -> UpgradeAnswer {
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
        var received: [UInt8] = []
        do throws(ByteStream.Failure) {
            try await stream.write(
                WebSocketUpgrade.request(host: hostHeader, target: probe.uri.requestTarget, key: key),
                deadline: deadline)
            while WebSocketUpgrade.headLength(received) == nil {
                guard received.count < WebSocketUpgrade.maxHeadBytes else {
                    return .broken("an answer head longer than \(WebSocketUpgrade.maxHeadBytes) bytes", timedOut: false)
                }
                received += try await stream.read(maxBytes: 4096, deadline: deadline)
            }
        } catch {
            switch error {
            case .timedOut:
                return .broken("no HTTP answer within \(formatDuration(probe.timeout))", timedOut: true)
            case .closed:
                let what =
                    received.isEmpty
                    ? "the server closed the connection without answering" : "a truncated answer"
                return .broken(what, timedOut: false)
            case .failed(let words):
                return .broken(words, timedOut: false)
            }
        }
        let length = WebSocketUpgrade.headLength(received) ?? received.count
        guard let head = HTTPResponseHead(received[..<length]) else {
            let start = String(decoding: received.prefix(40), as: UTF8.self)
            return .broken("not an HTTP answer: \(start.debugDescription)", timedOut: false)
        }
        let expected = Data(Digest.sha1(Array((key + WebSocketUpgrade.acceptGUID).utf8))).base64EncodedString()
        guard head.status == 101 else {
            let status = "\(head.status) \(head.reasonPhrase)"
            return .refused(head, why: "answered \(status) instead of 101 Switching Protocols")
        }
        guard head.header("Upgrade")?.lowercased() == "websocket" else {
            return .refused(head, why: "answered 101 without 'Upgrade: websocket'")
        }
        guard let accept = head.header("Sec-WebSocket-Accept"), accept == expected else {
            let got = head.header("Sec-WebSocket-Accept").map { "'\($0)'" } ?? "missing"
            return .refused(head, why: "answered 101 but Sec-WebSocket-Accept is \(got), expected '\(expected)'")
        }
        return .switched(head)
    }
}
