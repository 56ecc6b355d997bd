import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// The lab copy of the default profile (Fixtures/playbooks-lab.yaml): every requirement row is measured.
    @Suite(.timeLimit(.minutes(5))) struct DefaultProfileLabTests {
        @Test func everyRequirementRowIsMeasured() async throws {
            let responder = try await MediaLabTests.FarResponder()
            let path = GoldenReport.directory.appendingPathComponent("playbooks-lab.yaml").path
            let output: NetReadyBinary.Output
            do {
                output = try await Lab.netready(["check", path, "--format", "json", "--timeout", "1s"])
            } catch {
                try await responder.stop()
                throw error
            }
            try await responder.stop()
            let report = try output.json()
            let rows = try #require(report["requirements"] as? [[String: Any]], "\(output.stderr)")
            #expect(rows.count == 4)
            for row in rows {
                #expect(row["status"] as? String != "not_measured", "\(row)")
                #expect(row["measured"] as? String != nil, "\(row)")
            }
            let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as? String ?? "", $0) })
            #expect(byName["Browser calling (WebRTC): RTT < 200 ms"]?["status"] as? String == "pass")
            #expect(byName["Browser calling (WebRTC): bandwidth ≥ 100 kbps"]?["status"] as? String == "pass")
        }
    }
}
