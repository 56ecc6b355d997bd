import Foundation
import Testing

@testable import NetReady

/// The compiled-in profiles must be exactly targets.d/ (scripts/embed-profiles regenerates them),
/// and every shipped profile must load.
@Suite(.timeLimit(.minutes(3))) struct ShippedProfilesTests {
    static let targetsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("targets.d")

    @Test func embeddedProfilesMatchTargetsDirectory() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.targetsDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == ShippedProfiles.all.keys.sorted())
        for file in files {
            let text = try String(contentsOf: Self.targetsDirectory.appendingPathComponent(file), encoding: .utf8)
            let normalised = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.replacing(/\s+$/, with: "") }.joined(separator: "\n")
                .trimmingCharacters(in: .newlines)
            #expect(ShippedProfiles.all[String(file.dropLast(5))] == normalised, "run scripts/embed-profiles")
        }
    }

    @Test(arguments: ShippedProfiles.all.keys.sorted())
    func profileLoads(name: String) throws {
        let files = try TargetLoader.load(arguments: [name], profiles: ShippedProfiles.all, environment: [:])
        #expect(files.count == 1)
        #expect(!files[0].targets.isEmpty)
        #expect(files[0].source.path == "profile:\(name)")
    }

    @Test func defaultProfileExists() {
        #expect(ShippedProfiles.all["playbooks"] != nil)
    }
}
