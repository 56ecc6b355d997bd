import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `--redact` on a run through the lab's rotating NAT pool: no IP address left in any format or in the
    /// `--verbose` log, the host's name and the TURN username gone, and the pool's rotation still visible
    /// through distinct pseudonyms.
    @Suite(.timeLimit(.minutes(5))) struct RedactionLabTests {
        @Test func noAddressSurvivesAndTheRotationStillShows() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-red-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let targets = directory.appendingPathComponent("site.yaml")
            try """
            name: site
            resolvers: [198.18.0.53]
            egress:
              servers: [http://echo.lab.netready.test/ip]
            targets:
              - name: Blocked and open
                probes:
                  - tcp://198.18.0.2:8000
                  - tcp://198.18.0.22:5061
                  - udp://198.18.0.21:5060
                  - dns:good.lab.netready.test
                  - http://echo.lab.netready.test/ip
                  - stun:198.18.0.2:3478
                  - stun:198.18.0.3:3478
                  - sip:198.18.0.2:5060
                  - uri: turn:198.18.0.2:3478
                    username: PLANTEDturnuser
                    credential: labsecret
            """.write(to: targets, atomically: true, encoding: .utf8)
            try await Lab.control(["egress", "rotate"])
            let outputs = ["r.json", "r.ndjson", "r.html", "r.xml", "r.prom", "r.txt", "r.csv"].map {
                directory.appendingPathComponent($0).path
            }
            let run = try await Lab.netready(
                ["check", targets.path, "--samples", "2", "--timeout", "1s", "--redact", "--verbose"]
                    + outputs.flatMap { ["-o", $0] })
            #expect(run.status == 1, "\(run.stderr)")
            let texts = try outputs.map { try String(contentsOfFile: $0, encoding: .utf8) } + [run.stderr]
            let hostname = ProcessInfo.processInfo.hostName
            for (name, text) in zip(outputs + ["stderr"], texts) {
                let v4 = text.matches(of: /\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/).map { String($0.0) }
                #expect(v4.isEmpty, "\(name): \(v4.prefix(5))")
                let v6 = text.matches(of: /\b[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}\b/).map { String($0.0) }
                    // An address has hex digits: the page's CSS (`::before`) and bare `::` are not addresses.
                    .filter { $0.contains(where: \.isHexDigit) }
                    .filter { $0.contains("::") || $0.filter { $0 == ":" }.count == 7 }
                #expect(v6.isEmpty, "\(name): \(v6.prefix(5))")
                #expect(!text.contains("PLANTEDturnuser"), "\(name)")
                #expect(!text.contains(hostname), "\(name)")
            }
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(texts[0].utf8)) as? [String: Any])
            let egress = try #require(report["egress"] as? [String: Any])
            #expect(egress["stable"] as? Bool == false)
            let addresses = (egress["addresses"] as? [[String: Any]] ?? []).compactMap { $0["ip"] as? String }
            #expect(addresses.count == 3 && addresses.allSatisfy { $0.hasPrefix("addr-") }, "\(addresses)")
            #expect(Set(addresses).count == 3)
            // The same address gets the same name everywhere: the blocked destination in the summary and the table.
            #expect(texts[5].contains("tcp://addr-"), "\(texts[5])")
        }
    }
}
