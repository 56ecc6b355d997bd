import Foundation
import Testing

extension LabTests {
    /// lab-full.yaml, every probe kind against the lab, run again: each probe's keys and value types match
    /// the saved report Tests/NetReadyTests/Fixtures/lab-full.json (see its header for how it was made).
    @Suite(.timeLimit(.minutes(5))) struct GoldenReportLabTests {
        @Test func freshLabRunHasTheSavedShape() async throws {
            let responder = try await MediaLabTests.FarResponder()
            let output: NetReadyBinary.Output
            do {
                try await Lab.control(["egress", "rotate"])
                output = try await NetReadyBinary.run(
                    [
                        "check", GoldenReport.directory.appendingPathComponent("lab-full.yaml").path,
                        "--ca-file", "/tmp/netready-lab/ca/lab-ca.pem", "--samples", "3", "--format", "json",
                    ],
                    environment: ["TURN_CREDENTIAL": "labsecret"], prefix: ["/usr/sbin/ip", "netns", "exec", Lab.client],
                    timeoutSeconds: 180)
            } catch {
                try await responder.stop()
                throw error
            }
            try await responder.stop()
            let fresh = try GoldenReport.json(output.stdout)
            let fixture = try GoldenReport.json(
                try String(contentsOf: GoldenReport.url("lab-full"), encoding: .utf8))
            let differences = GoldenReport.differences(fresh: fresh, fixture: fixture)
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }
    }
}
