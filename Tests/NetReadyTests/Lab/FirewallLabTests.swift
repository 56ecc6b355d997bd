import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `--format firewall` behind the lab's corporate firewall: one CSV row per blocked required destination
    /// (with where the path stops) and per destination that should be closed but is open, read back with
    /// Python's csv module so quoting is checked by an independent parser.
    @Suite struct FirewallLabTests {
        @Test func blockedDestinationsBecomeChangeRequestRows() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-fw-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let targets = directory.appendingPathComponent("site.yaml")
            try """
            name: site
            targets:
              - name: "Dialer signalling, EU"
                probes:
                  - tcp://198.18.0.22:5061
                  - tcp://198.18.0.20:443
                  - tcp://198.18.0.2:8000
              - name: Telnet must stay closed
                probes:
                  - uri: tcp://198.18.0.2:8000
                    expect: blocked
              - name: Optional media
                required: false
                probes:
                  - tcp://198.18.0.21:443
            """.write(to: targets, atomically: true, encoding: .utf8)
            let csv = directory.appendingPathComponent("change.csv").path
            let run = try await Lab.netready([
                "check", targets.path, "--samples", "1", "--timeout", "1s", "-o", csv,
            ])
            #expect(run.status == 1, "stderr: \(run.stderr)")
            let parsed = try await onOwnThread {
                try ChildProcess(
                    "/usr/bin/python3",
                    ["-c", "import csv,sys,json; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='')))))", csv]
                ).runCapturing(timeoutSeconds: 30)
            }
            #expect(parsed.status == 0, "\(parsed.stderr)")
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [[String: String]])
            #expect(rows.count == 3, "\(rows)")
            let byURI = Dictionary(rows.map { ($0["uri"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })

            let prohibited = try #require(byURI["tcp://198.18.0.22:5061"])
            #expect(prohibited["action"] == "allow")
            #expect(prohibited["target"] == "Dialer signalling, EU")
            #expect(prohibited["addresses"] == "198.18.0.22")
            #expect(prohibited["protocol"] == "tcp" && prohibited["ports"] == "5061")
            #expect(prohibited["direction"] == "outbound")
            #expect(prohibited["reason"] == "tcp.prohibited")
            #expect(prohibited["blocked_at"]?.hasPrefix("rejected by 10.77.1.1 at hop 1") == true, "\(prohibited)")

            let dropped = try #require(byURI["tcp://198.18.0.20:443"])
            #expect(dropped["reason"] == "tcp.timeout")
            #expect(dropped["blocked_at"] == "after hop 1 (10.77.1.1)", "\(dropped)")

            let open = try #require(byURI["tcp://198.18.0.2:8000"])
            #expect(open["action"] == "deny")
            #expect(open["target"] == "Telnet must stay closed")
            #expect(open["reason"] == "expect.reachable")
        }
    }
}
