import Foundation
import NetReadyTestSupport
import Testing

/// A `netready` binary copied out of the build, as an installer would: it finds its profiles beside it, in
/// `../share/netready/` or through `NETREADY_PROFILES_DIR`, also when run by another user, and without them it
/// exits 3 naming the paths it tried (never a crash).
@Suite(.timeLimit(.minutes(3))) struct InstalledCopyTests {
    private static func run(
        _ command: [String], environment: [String: String] = [:]
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await onOwnThread {
            let process = ChildProcess(command[0], Array(command.dropFirst()))
            var merged = ProcessInfo.processInfo.environment
            merged["NETREADY_PROFILES_DIR"] = nil
            merged.merge(environment) { _, new in new }
            process.environment = merged
            return try process.runCapturing(timeoutSeconds: 60)
        }
    }

    @Test func buildBinaryListsItsProfiles() async throws {
        let output = try await Self.run([NetReadyBinary.path, "targets", "list"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("playbooks") && output.stdout.contains("twilio-voice"), "\(output.stdout)")
    }

    @Test func copyWithoutBundleExitsThreeNamingThePathsTried() async throws {
        let install = try ReadableInstall(withProfiles: false)
        defer { install.remove() }
        let (root, binary) = (install.root, install.binary)
        for arguments in [["targets", "list"], ["check", "playbooks"], ["check"]] {
            let output = try await Self.run([binary] + arguments)
            #expect(output.status == 3, "\(arguments): \(output.stderr)")
            #expect(output.stderr.contains(root.appendingPathComponent("bin/netready_NetReady.resources").path))
            #expect(output.stderr.contains(root.appendingPathComponent("share/netready/targets.d").path))
            #expect(output.stderr.contains("NETREADY_PROFILES_DIR"))
        }
        // A probe URI needs no profile, so the copy still works for it.
        let uri = try await Self.run([binary, "targets", "validate", "tcp://127.0.0.1:1"])
        #expect(uri.status == 0, "\(uri.stderr)")
    }

    @Test func copyWithBundleBesideIt() async throws {
        let install = try ReadableInstall()
        defer { install.remove() }
        let output = try await Self.run([install.binary, "targets", "list"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("playbooks"))
    }

    @Test func copyWithProfilesInShareDirectory() async throws {
        let install = try ReadableInstall(withProfiles: false)
        defer { install.remove() }
        let (root, binary) = (install.root, install.binary)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("share/netready"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: ReadableInstall.buildBundle + "/targets.d",
            toPath: root.appendingPathComponent("share/netready/targets.d").path)
        let output = try await Self.run([binary, "targets", "show", "twilio-voice"])
        #expect(output.status == 0, "\(output.stderr)")
    }

    @Test func environmentVariableNamesTheDirectory() async throws {
        let install = try ReadableInstall(withProfiles: false)
        defer { install.remove() }
        let (root, binary) = (install.root, install.binary)
        let profiles = root.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        try "name: mine\ntargets:\n  - name: loopback\n    probes: [\"tcp://127.0.0.1:1\"]\n".write(
            to: profiles.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let output = try await Self.run(
            [binary, "targets", "list"], environment: ["NETREADY_PROFILES_DIR": profiles.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("mine"), "\(output.stdout)")
        #expect(!output.stdout.contains("playbooks"))
    }

    @Test(.enabled(if: getuid() == 0, "runuser needs root"))
    func copyRunByNobodyFromAReadableDirectory() async throws {
        let install = try ReadableInstall()
        defer { install.remove() }
        let (root, binary) = (install.root, install.binary)
        let output = try await Self.run(["/usr/sbin/runuser", "-u", "nobody", "--", binary, "targets", "list"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("playbooks") && output.stdout.contains("twilio-voice"))
        let missing = try await Self.run(
            ["/usr/sbin/runuser", "-u", "nobody", "--", binary, "check", "nope-profile"],
            environment: ["NETREADY_PROFILES_DIR": root.appendingPathComponent("empty").path])
        #expect(missing.status == 2, "an unknown name with profiles present is a usage error: \(missing.stderr)")
    }
}
