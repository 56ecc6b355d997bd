import Foundation
import Testing

/// `netready diff` on two real reports: a port that was open, then closed.
@Suite(.timeLimit(.minutes(3))) struct DiffCommandTests {
    @Test func reportsTheProbeThatChangedAndExitsOne() async throws {
        // The port stays bound throughout (refused, then open), so no other test can take it.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = directory.appendingPathComponent("before.json").path
        let after = directory.appendingPathComponent("after.json").path

        let listener = try LoopbackListener(listening: false)
        let uri = "tcp://127.0.0.1:\(listener.port)"
        _ = try await NetReadyBinary.run(["check", uri, "--samples", "1", "-o", before])
        try listener.startListening()
        _ = try await NetReadyBinary.run(["check", uri, "--samples", "1", "-o", after])

        let changed = try await NetReadyBinary.run(["diff", before, after])
        #expect(changed.status == 1, "stderr: \(changed.stderr)")
        #expect(changed.stdout.contains("verdict: not_ready → ready"))
        #expect(changed.stdout.contains("\(uri): fail (tcp.refused) → pass"), "\(changed.stdout)")

        let same = try await NetReadyBinary.run(["diff", before, before, "--format", "json"])
        #expect(same.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(same.stdout.utf8)) as? [String: Any]
        #expect((json?["changes"] as? [Any])?.isEmpty == true)

        let bad = try await NetReadyBinary.run(["diff", before, directory.appendingPathComponent("missing.json").path])
        #expect(bad.status == 2)
    }
}
