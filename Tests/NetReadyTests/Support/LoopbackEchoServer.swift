import Foundation
import NetReadyTestSupport

/// An HTTP "what is my address" service on 127.0.0.1 (Python's http.server, run as a child process), for
/// egress tests: `/ip` answers the caller's address as text, `/json` as `{"ip": ...}`, `/html` with a web page,
/// `/hang` never answers, and `/connections` with how many TCP connections it has accepted.
final class LoopbackEchoServer {
    static let script = """
        import http.server, json, signal, sys, threading, time
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])  # the runner blocks it; exec inherits the mask
        accepted = [0]
        lock = threading.Lock()
        class Server(http.server.ThreadingHTTPServer):
            request_queue_size = 128
            daemon_threads = True
            def process_request(self, request, address):
                with lock:
                    accepted[0] += 1
                super().process_request(request, address)
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_GET(self):
                peer = self.client_address[0]
                if self.path == "/hang":
                    time.sleep(60)
                    return
                bodies = {
                    "/ip": (peer + "\\n", "text/plain"),
                    "/json": (json.dumps({"ip": peer, "country": "XX"}), "application/json"),
                    "/html": ("<html><body>Your address: " + peer + "</body></html>", "text/html"),
                    "/connections": (str(accepted[0]), "text/plain"),
                }
                text, kind = bodies.get(self.path, ("not found", "text/plain"))
                body = text.encode()
                self.send_response(200 if self.path in bodies else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = Server(("127.0.0.1", 0), Handler)
        with open(sys.argv[1] + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        import os
        os.rename(sys.argv[1] + ".tmp", sys.argv[1])
        server.serve_forever()
        """

    let base: String
    private let process: ChildProcess

    /// Starts the server and waits until it has written its port.
    init() async throws {
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("nr-echo-\(UUID().uuidString)")
        process = ChildProcess("/usr/bin/env", ["python3", "-c", Self.script, portFile.path])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The port file (renamed into place once written) is the readiness signal; the deadline is
        // for a python that never starts, far beyond a loaded machine's start-up time.
        var port: String?
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: portFile, encoding: .utf8) {
                port = text
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        try? FileManager.default.removeItem(at: portFile)
        guard let port else {
            process.terminate()
            throw LoopbackEchoError()
        }
        base = "http://127.0.0.1:\(port)"
    }

    /// TCP connections accepted so far (the `/connections` request itself is one more).
    func connections() async throws -> Int {
        let url = "\(base)/connections"
        let output = try await onOwnThread {
            try ChildProcess("/usr/bin/curl", ["-s", "-m", "5", url]).runCapturing(timeoutSeconds: 10)
        }
        return Int(output.stdout) ?? -1
    }

    deinit { process.terminate() }
}

/// The echo server did not start.
struct LoopbackEchoError: Error {}
