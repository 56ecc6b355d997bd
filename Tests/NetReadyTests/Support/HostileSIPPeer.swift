import Foundation
import NetReadyPosix
import NetReadyWire

/// A SIP peer on loopback that misbehaves on purpose, for the prober's never-hang tests: one UDP socket or one
/// TCP listener, answering each request the way its `Behaviour` says.
final class HostileSIPPeer: Sendable {
    /// How the peer answers an OPTIONS.
    enum Behaviour: String, Sendable, CaseIterable {
        /// Bytes that are not SIP.
        case garbage
        /// A response head cut off before its blank line (UDP), or a head then close (TCP).
        case truncated
        /// A well-formed 200 for another transaction (different Via branch).
        case wrongBranch
        /// A 200 whose Via sent-by was rewritten to a public address, as an ALG would.
        case rewrittenVia
        /// 100 Trying, then 486 Busy Here (in one read over TCP; byte by byte when `split`).
        case provisionalThenBusy
        /// A correct 200 whose Via says `received=` the client's own (loopback) address: normal without NAT.
        case receivedOwnAddress
        /// Nothing at all.
        case silent
        /// Close the connection without a word (TCP only).
        case close
        /// 100 Trying to every request and retransmission, and never a final answer.
        case endlessTrying
    }

    let port: UInt16
    private let socket: Socket
    private let task: Task<Void, Never>

    init(_ behaviour: Behaviour, tcp: Bool, split: Bool = false) throws {
        let socket = try Socket(family: .inet, type: tcp ? .stream : .datagram)
        try socket.setReuseAddress()
        try socket.bind(to: try SocketAddress(ip: "127.0.0.1", port: 0))
        if tcp { try socket.listen() }
        port = try socket.localAddress().port
        self.socket = socket
        task = Task {
            if tcp {
                await Self.serveStream(socket, behaviour: behaviour, split: split)
            } else {
                await Self.serveDatagrams(socket, behaviour: behaviour)
            }
        }
    }

    /// Stops serving and closes the socket.
    func stop() async {
        task.cancel()
        await task.value
        socket.close()
    }

    private static func serveDatagrams(_ socket: Socket, behaviour: Behaviour) async {
        while !Task.isCancelled {
            guard await socket.waitReadable(timeout: .milliseconds(50)) == .ready,
                case .processed(let datagram)? = try? socket.receive(maxBytes: 65535)
            else { continue }
            for reply in answers(to: datagram.bytes, behaviour: behaviour) {
                _ = try? socket.send(reply, to: datagram.from)
            }
        }
    }

    private static func serveStream(_ listener: Socket, behaviour: Behaviour, split: Bool) async {
        while !Task.isCancelled {
            guard await listener.waitReadable(timeout: .milliseconds(50)) == .ready,
                case .processed(let connection)? = try? listener.accept()
            else { continue }
            defer { connection.close() }
            var received: [UInt8] = []
            var framer = SIPStreamFramer()
            while !Task.isCancelled, !framer.hasPartialMessage {
                guard await connection.waitReadable(timeout: .seconds(2)) == .ready,
                    case .processed(let bytes)? = try? connection.read(maxBytes: 4096), !bytes.isEmpty
                else { break }
                received += bytes
                framer.append(bytes)
            }
            if behaviour == .close { continue }
            let replies = answers(to: received, behaviour: behaviour).flatMap { $0 }
            // Split: 32-byte writes, so headers and the start line arrive across many reads (byte by byte
            // took longer than the probe's timeout on a loaded 2-core machine).
            let chunks =
                split
                ? stride(from: 0, to: replies.count, by: 32).map { Array(replies[$0..<min($0 + 32, replies.count)]) }
                : [replies]
            for chunk in chunks {
                _ = try? connection.send(chunk)
                if split { try? await Task.sleep(for: .milliseconds(1)) }
            }
            if behaviour == .truncated { continue }
            // Another 100 Trying every half second until the client goes away or the peer stops.
            while behaviour == .endlessTrying, !Task.isCancelled, case .processed(_)? = try? connection.send(replies) {
                try? await Task.sleep(for: .milliseconds(500))
            }
            // Hold the connection open until the client is done: it closes (a read of 0 bytes), or the peer stops.
            // Not a fixed hold: on a loaded machine the client's timeout can end later than any fixed time after
            // the accept, and a peer that closed first would read as "closed without answering".
            while !Task.isCancelled, await connection.waitReadable(timeout: .seconds(60)) == .ready {
                guard case .processed(let bytes)? = try? connection.read(maxBytes: 4096), !bytes.isEmpty else { break }
            }
        }
    }

    /// The datagrams (or stream writes) that answer `request`.
    static func answers(to request: [UInt8], behaviour: Behaviour) -> [[UInt8]] {
        guard let message = try? SIPMessage(parsing: request) else { return [] }
        func response(_ status: String, via: String? = nil) -> [UInt8] {
            var lines = ["SIP/2.0 \(status)"]
            lines += [via ?? message.header("via") ?? ""].map { "Via: \($0)" }
            lines += ["From: \(message.header("from") ?? "")", "To: \(message.header("to") ?? "");tag=hostile"]
            lines += ["Call-ID: \(message.callID ?? "")", "CSeq: \(message.header("cseq") ?? "")"]
            lines += ["Server: hostile-peer", "Content-Length: 0", "", ""]
            return Array(lines.joined(separator: "\r\n").utf8)
        }
        let via = message.header("via") ?? ""
        switch behaviour {
        case .garbage: return [Array("HTTP/1.1 400 Bad Request\r\n\r\n\u{0}\u{1}".utf8)]
        case .truncated: return [Array(response("200 OK").prefix(40))]
        case .wrongBranch:
            let other = via.replacingOccurrences(of: "branch=z9hG4bK", with: "branch=z9hG4bKother")
            return [response("200 OK", via: other)]
        case .rewrittenVia:
            let sentBy = (try? SIPVia(parsing: via))?.sentBy.description ?? ""
            return [response("200 OK", via: via.replacingOccurrences(of: sentBy, with: "203.0.113.7:5060"))]
        case .provisionalThenBusy: return [response("100 Trying"), response("486 Busy Here")]
        case .receivedOwnAddress: return [response("200 OK", via: via + ";received=127.0.0.1")]
        case .endlessTrying: return [response("100 Trying")]
        case .silent, .close: return []
        }
    }
}
