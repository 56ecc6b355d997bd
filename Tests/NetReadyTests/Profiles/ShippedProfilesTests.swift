import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

/// The shipped profiles are SwiftPM resources: the build's bundle must hold exactly `targets.d/`, every profile
/// must load, and the candidate directories follow the documented order.
@Suite(.timeLimit(.minutes(3))) struct ShippedProfilesTests {
    static let targetsDirectory = NetReadyBinary.packageRoot.appendingPathComponent("targets.d")

    @Test func bundleBesideTheTestBinaryHoldsTargetsDirectory() throws {
        let profiles = try ShippedProfiles.locate(environment: [:])
        #expect(profiles.directory.hasSuffix("\(ShippedProfiles.bundleName)/targets.d"))
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.targetsDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == profiles.all.keys.sorted())
        for file in files {
            let text = try String(contentsOf: Self.targetsDirectory.appendingPathComponent(file), encoding: .utf8)
            #expect(profiles.all[String(file.dropLast(5))] == text, "rebuild after editing targets.d/")
        }
        #expect(profiles.all["playbooks"] != nil)
    }

    @Test(arguments: ["playbooks", "twilio-voice"])
    func profileLoads(name: String) throws {
        let profiles = try ShippedProfiles.locate(environment: [:])
        let files = try TargetLoader.load(arguments: [name], profiles: profiles.all, environment: [:])
        #expect(files.count == 1)
        #expect(!files[0].targets.isEmpty)
        #expect(files[0].source.path == "profile:\(name)")
    }

    @Test func candidatesStartWithTheEnvironmentThenBesideTheBinaryThenShare() {
        let candidates = ShippedProfiles.candidateDirectories(
            environment: ["NETREADY_PROFILES_DIR": "/etc/netready/profiles"], executable: "/opt/nr/bin/netready")
        #expect(
            candidates == [
                "/etc/netready/profiles", "/opt/nr/bin/netready_NetReady.resources/targets.d",
                "/opt/nr/share/netready/netready_NetReady.resources/targets.d", "/opt/nr/share/netready/targets.d",
            ])
    }

    @Test func missingEverywhereNamesEveryPathTried() throws {
        let error = #expect(throws: ShippedProfilesNotFound.self) {
            try ShippedProfiles.locate(
                environment: ["NETREADY_PROFILES_DIR": "/nonexistent/p"], executable: "/none/bin/nr")
        }
        let description = try #require(error).description
        for path in [
            "/nonexistent/p", "/none/bin/netready_NetReady.resources/targets.d", "/none/share/netready/targets.d",
        ] {
            #expect(description.contains(path), "\(description)")
        }
    }
}
