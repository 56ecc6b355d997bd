import Foundation
import NetReadyTLS
import NetReadyWire

/// The client side of the RFC 6455 opening handshake over a connected stream, shared by `ws://` probes and SIP
/// over WebSocket (RFC 7118).
enum WebSocketHandshake {
    /// Sends the upgrade request and judges the head of the answer.
    ///
    /// - Parameters:
    ///   - protocols: `Sec-WebSocket-Protocol` values to offer; the answer must pick one of them when given.
    /// - Returns: the answer and any bytes that arrived after the head (the first frames).
    static func upgrade(
        over stream: ByteStream, host: String, target: String, protocols: [String] = [],
        deadline: ContinuousClock.Instant, timeout: Duration
    ) async -> (answer: UpgradeAnswer, rest: [UInt8]) {
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
        var received: [UInt8] = []
        do throws(ByteStream.Failure) {
            try await stream.write(
                WebSocketUpgrade.request(host: host, target: target, key: key, protocols: protocols),
                deadline: deadline)
            while WebSocketUpgrade.headLength(received) == nil {
                guard received.count < WebSocketUpgrade.maxHeadBytes else {
                    return (
                        .broken("an answer head longer than \(WebSocketUpgrade.maxHeadBytes) bytes", timedOut: false),
                        []
                    )
                }
                received += try await stream.read(maxBytes: 4096, deadline: deadline)
            }
        } catch {
            switch error {
            case .timedOut:
                return (.broken("no HTTP answer within \(formatDuration(timeout))", timedOut: true), [])
            case .closed:
                let what =
                    received.isEmpty
                    ? "the server closed the connection without answering" : "a truncated answer"
                return (.broken(what, timedOut: false), [])
            case .failed(let words):
                return (.broken(words, timedOut: false), [])
            }
        }
        let length = WebSocketUpgrade.headLength(received) ?? received.count
        let rest = Array(received[length...])
        guard let head = HTTPResponseHead(received[..<length]) else {
            let start = String(decoding: received.prefix(40), as: UTF8.self)
            return (.broken("not an HTTP answer: \(start.debugDescription)", timedOut: false), rest)
        }
        return (judge(head, key: key, protocols: protocols), rest)
    }

    private static func judge(_ head: HTTPResponseHead, key: String, protocols: [String]) -> UpgradeAnswer {
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
        if !protocols.isEmpty {
            let chosen = head.header("Sec-WebSocket-Protocol")?.lowercased()
            guard let chosen, protocols.contains(chosen) else {
                return .refused(
                    head,
                    why: "answered 101 without the subprotocol "
                        + protocols.map { "'\($0)'" }.joined(separator: " or ")
                        + " (Sec-WebSocket-Protocol: \(chosen ?? "missing"))")
            }
        }
        return .switched(head)
    }
}
