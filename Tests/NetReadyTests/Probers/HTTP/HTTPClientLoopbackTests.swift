import Foundation
import NetReadyHTTP
import NetReadyTestSupport
import Testing

/// HTTPClient against a small Python HTTP server on 127.0.0.1: redirects, headers, and many
/// transfers in flight on the one libcurl loop thread.
@Suite(.serialized, .timeLimit(.minutes(3))) struct HTTPClientLoopbackTests {
    static let server = """
        import http.server, signal, sys
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])  # the runner blocks it; exec inherits the mask
        http.server.ThreadingHTTPServer.request_queue_size = 128
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_GET(self):
                routes = {"/start": (302, "/next"), "/next": (301, "/final")}
                if self.path in routes:
                    status, location = routes[self.path]
                    self.send_response(status)
                    self.send_header("Location", location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = b"done"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
        server.serve_forever()
        """

    /// Runs `body` with the server's base URL; the server is stopped afterwards.
    static func withServer(_ body: (String) async throws -> Void) async throws {
        // A port reserved for this process (see BoundPort.start); python's server binds it with SO_REUSEADDR.
        let (process, port) = try await BoundPort.start([.tcp]) { port in
            let process = ChildProcess("/usr/bin/env", ["python3", "-c", server, "\(port)"])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        defer { process.terminate() }
        try await body("http://127.0.0.1:\(port)")
    }

    static var options: HTTPRequestOptions {
        var options = HTTPRequestOptions()
        options.proxy = ""  // never an environment proxy for loopback
        options.timeout = .seconds(5)
        return options
    }

    @Test func redirectsAreFollowedAndEveryResponseIsKept() async throws {
        try await Self.withServer { base in
            let exchange = await HTTPClient.shared.get("\(base)/start", options: Self.options)
            #expect(exchange.failure == nil, "\(String(describing: exchange.failure))")
            #expect(exchange.responses.map(\.status) == [302, 301, 200])
            #expect(exchange.responses.first?.header("location") == "/next")
            #expect(exchange.redirectCount == 2)
            #expect(exchange.effectiveURL == "\(base)/final")
            #expect(exchange.status == 200)
            #expect(exchange.httpVersion == "1.1")
            #expect(exchange.primaryIP == "127.0.0.1")
            #expect(String(decoding: exchange.body, as: UTF8.self) == "done")
            #expect(exchange.timings.total >= exchange.timings.firstByte && exchange.timings.firstByte > 0)
        }
    }

    @Test func redirectsAreNotFollowedWhenToldNotTo() async throws {
        try await Self.withServer { base in
            var options = Self.options
            options.followRedirects = false
            let exchange = await HTTPClient.shared.get("\(base)/start", options: options)
            #expect(exchange.status == 302)
            #expect(exchange.redirectCount == 0)
        }
    }

    @Test func manyTransfersRunAtOnceOnTheOneLoop() async throws {
        try await Self.withServer { base in
            let statuses = await withTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    group.addTask { await HTTPClient.shared.get("\(base)/item\(index)", options: Self.options).status }
                }
                var statuses: [Int] = []
                for await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses == Array(repeating: 200, count: 40))
        }
    }

    @Test func aClosedLoopbackPortFailsWithConnectionRefused() async throws {
        let exchange = await HTTPClient.shared.get("http://127.0.0.1:9/", options: Self.options)
        #expect(exchange.failure?.kind == .connect)
        #expect(exchange.failure?.osErrno == 111)
    }
}
