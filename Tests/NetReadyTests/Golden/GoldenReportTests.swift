import Foundation
import NetReady
import NetReadyTestSupport
import Testing

/// The report schema (`netready.report/v1`) held against saved real reports: a saved report re-renders byte
/// for byte, and a fresh loopback run has the keys and value types of the saved one.
@Suite(.timeLimit(.minutes(3))) struct GoldenReportTests {
    /// `netready report FIXTURE --format json` writes the file it read, byte for byte.
    @Test(arguments: ["loopback", "lab-full"])
    func savedReportReencodesByteForByte(fixture: String) async throws {
        let file = GoldenReport.url(fixture)
        let saved = try String(contentsOf: file, encoding: .utf8)
        let output = try await NetReadyBinary.run(["report", file.path, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == saved)
        if output.stdout != saved {
            let lines = zip(output.stdout.split(separator: "\n"), saved.split(separator: "\n"))
            let first = lines.enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("first difference at line \((first?.offset ?? 0) + 1): \(first.map { "\($0.element)" } ?? "")")
        }
    }

    /// The probes of loopback.json, run again against fresh loopback servers (`netready responder`, an HTTP
    /// server, closed ports): each probe's keys and value types match the saved report's.
    @Test func freshLoopbackRunHasTheSavedShape() async throws {
        let responderPort = try LoopbackListener.closedPort()
        let mediaPort = try LoopbackListener.closedPort()
        let closed = try LoopbackListener.closedPort()
        let web = try await LoopbackEchoServer()
        let webPort = try #require(web.base.split(separator: ":").last)
        let responder = ChildProcess(
            NetReadyBinary.path,
            ["responder", "--listen", "127.0.0.1:\(responderPort)", "--listen", "127.0.0.1:\(mediaPort)"])
        responder.standardOutput = FileHandle.nullDevice
        responder.standardError = FileHandle.nullDevice
        try responder.run()
        let outcome: Result<NetReadyBinary.Output, any Error>
        do {
            try await Self.waitForTCP(port: responderPort)
            let uris = [
                "tcp://127.0.0.1:\(webPort)", "tcp://127.0.0.1:\(closed)", "udp://127.0.0.1:\(mediaPort)",
                "udp://127.0.0.1:\(closed)", "stun:127.0.0.1:\(responderPort)",
                "stun:127.0.0.1:\(responderPort)?transport=tcp", "rtp://127.0.0.1:\(mediaPort)?duration=1s",
                "icmp:127.0.0.1", "http://127.0.0.1:\(webPort)/ip", "http://127.0.0.1:\(closed)/",
                "ws://127.0.0.1:\(webPort)/", "sip:127.0.0.1:\(closed)", "turn:127.0.0.1:\(responderPort)",
                "dns:example.test?server=127.0.0.1:\(closed)", "tls://127.0.0.1:\(webPort)",
            ]
            outcome = .success(
                try await NetReadyBinary.run(
                    ["check"] + uris + ["--samples", "2", "--timeout", "1s", "--format", "json"], timeoutSeconds: 120))
        } catch {
            outcome = .failure(error)
        }
        try await onOwnThread {
            responder.terminate()
            responder.waitUntilExit()
        }
        let output = try outcome.get()
        var fresh = try GoldenReport.json(output.stdout)
        // ICMP echo needs a ping socket or root; where neither is allowed the probe is an error, not a shape.
        if GoldenReport.probes(fresh)["icmp:127.0.0.1"]?["status"] == "error" {
            fresh = Self.removing("icmp:127.0.0.1", from: fresh)
        }
        let fixture = try GoldenReport.json(try String(contentsOf: GoldenReport.url("loopback"), encoding: .utf8))
        let differences = GoldenReport.differences(fresh: fresh, fixture: fixture, normalize: Self.withoutPorts)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    /// A loopback URI with its port written as PORT: the fixture's servers listened elsewhere.
    static func withoutPorts(_ uri: String) -> String {
        uri.replacing(/127\.0\.0\.1:\d+/, with: "127.0.0.1:PORT")
    }

    static func removing(_ uri: String, from report: [String: JSONValue]) -> [String: JSONValue] {
        var report = report
        report["targets"] = .array(
            (report["targets"]?.arrayValue ?? []).map { target in
                guard case .object(var members) = target else { return target }
                members["probes"] = .array(members["probes"]?.arrayValue?.filter { $0["uri"] != .string(uri) } ?? [])
                return .object(members)
            })
        return report
    }

    /// Waits until something accepts TCP connections on the port (the responder is up), at most 10 s.
    static func waitForTCP(port: UInt16) async throws {
        for _ in 0..<200 {
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the responder never listened on 127.0.0.1:\(port)")
    }

    /// One blocking connect on loopback: answered at once, by a SYN-ACK or a reset.
    static func accepts(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
