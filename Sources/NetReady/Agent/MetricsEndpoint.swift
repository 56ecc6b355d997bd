import Dispatch
import Foundation
import Logging
import NetReadyPosix
import NetReadyWire

/// The HTTP endpoint of `netready serve`, for Prometheus to scrape: `GET /metrics` (the text
/// exposition format), `GET /-/healthy`, and a short index page at `/`.
///
/// A minimal HTTP/1.1 server on netready's own non-blocking sockets: one request per connection
/// (`Connection: close`), a request head of at most 8 KiB read within 10 s, so a slow or hostile
/// client costs one task for at most that long and never blocks the probes.
package struct MetricsEndpoint: Sendable {
    /// What the endpoint answers with; called for every scrape.
    package typealias Exposition = @Sendable () -> String

    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    static let maxHeadBytes = 8192
    static let readTimeout: Duration = .seconds(10)

    private let listener: Socket
    private let exposition: Exposition
    private let logger: Logger

    /// Binds and listens on `address` (port 0 picks a free port; see `boundAddress`).
    ///
    /// - Throws: `IOError` when the address cannot be bound (in use, not local).
    package init(listeningOn address: SocketAddress, logger: Logger, exposition: @escaping Exposition) throws(IOError) {
        listener = try Socket.open(family: address.family, type: .stream) { socket throws(IOError) in
            try socket.setReuseAddress()
            try socket.bind(to: address)
            try socket.listen()
        }
        self.exposition = exposition
        self.logger = logger
    }

    /// The address actually bound (with the kernel's port when 0 was asked for).
    package func boundAddress() throws(IOError) -> SocketAddress { try listener.localAddress() }

    /// Serves until `stop` fires, then closes the listening socket.
    package func serve(until stop: StopSignal) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await acceptLoop() }
            _ = await stop.wait()
            group.cancelAll()
        }
        listener.close()
    }

    private func acceptLoop() async {
        await withTaskGroup(of: Void.self) { connections in
            while !Task.isCancelled {
                guard await listener.waitReadable(timeout: .milliseconds(500)) == .ready else { continue }
                while let accepted = try? listener.accept(), case .processed(let connection) = accepted {
                    connections.addTask { await answer(connection) }
                }
            }
            connections.cancelAll()
        }
    }

    /// Reads one request head and answers it.
    private func answer(_ connection: Socket) async {
        defer { connection.close() }
        let deadline = ContinuousClock.now + Self.readTimeout
        var buffer: [UInt8] = []
        var head: HTTPRequestHead?
        while head == nil {
            let left = deadline - .now
            guard left > .zero, buffer.count < Self.maxHeadBytes,
                await connection.waitReadable(timeout: left) == .ready,
                let read = try? connection.read(maxBytes: Self.maxHeadBytes - buffer.count)
            else { return }
            guard case .processed(let bytes) = read else { continue }
            if bytes.isEmpty { return }
            buffer += bytes
            do {
                head = try HTTPRequestHead.parse(buffer)
            } catch {
                await write(Self.response(status: "400 Bad Request", body: "bad request\n"), to: connection)
                return
            }
        }
        guard let head else { return }
        await write(respond(to: head), to: connection)
    }

    func respond(to head: HTTPRequestHead) -> [UInt8] {
        guard head.method == "GET" || head.method == "HEAD" else {
            return Self.response(status: "405 Method Not Allowed", body: "only GET\n", head: head.method == "HEAD")
        }
        let isHead = head.method == "HEAD"
        switch head.path {
        case "/metrics":
            return Self.response(status: "200 OK", contentType: Self.contentType, body: exposition(), head: isHead)
        case "/-/healthy":
            return Self.response(status: "200 OK", body: "ok\n", head: isHead)
        case "/":
            return Self.response(
                status: "200 OK", contentType: "text/html; charset=utf-8",
                body: "<html><body><h1>netready agent</h1><p><a href=\"/metrics\">/metrics</a></p></body></html>\n",
                head: isHead)
        default:
            return Self.response(status: "404 Not Found", body: "not found; try /metrics\n", head: isHead)
        }
    }

    static func response(
        status: String, contentType: String = "text/plain; charset=utf-8", body: String, head: Bool = false
    ) -> [UInt8] {
        let bodyBytes = Array(body.utf8)
        let header =
            "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(bodyBytes.count)\r\n"
            + "Connection: close\r\nServer: netready\r\n\r\n"
        return Array(header.utf8) + (head ? [] : bodyBytes)
    }

    private func write(_ bytes: [UInt8], to connection: Socket) async {
        var offset = 0
        let deadline = ContinuousClock.now + Self.readTimeout
        while offset < bytes.count, ContinuousClock.now < deadline {
            guard let sent = try? connection.send(Array(bytes[offset...])) else { return }
            switch sent {
            case .processed(let count): offset += count
            case .wouldBlock: _ = await connection.waitWritable(timeout: deadline - .now)
            }
        }
    }
}
