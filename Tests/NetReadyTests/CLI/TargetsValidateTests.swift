import Foundation
import NetReadyTestSupport
import Testing

/// `targets validate` as CI lints target files: every bad file named in one run, and `${NAME}` secrets
/// not needed to check the files (`--allow-missing-env`); `targets show` never needs them either.
@Suite(.timeLimit(.minutes(2))) struct TargetsValidateTests {
    @Test func everyBadFileIsNamedAndSecretsAreNotNeededToLint() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let variable = "NR_LINT_UNSET_\(UInt32.random(in: 0..<UInt32.max))"
        let files = [
            "a-secret.yaml": """
            name: a
            targets:
              - name: relay
                probes:
                  - uri: turn:127.0.0.1:3478
                    username: probe
                    credential: ${\(variable)}
            """,
            "b-typo.yaml": "name: b\ntargets:\n  - name: t\n    probs:\n      - tcp://127.0.0.1:1\n",
            "c-noport.yaml": "name: c\ntargets:\n  - name: t\n    probes:\n      - tcp://127.0.0.1\n",
            "d-good.yaml": "name: d\ntargets:\n  - name: t\n    probes:\n      - tcp://127.0.0.1:1\n",
        ]
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let all = try await NetReadyBinary.run(["targets", "validate", directory.path])
        #expect(all.status == 2)
        #expect(all.stderr.contains("a-secret.yaml:7:") && all.stderr.contains("\(variable) is not set"), "\(all.stderr)")
        #expect(all.stderr.contains("b-typo.yaml:4:5: error: unknown key 'probs'"), "\(all.stderr)")
        #expect(all.stderr.contains("c-noport.yaml:5:9:"), "\(all.stderr)")
        #expect(all.stderr.contains("3 bad target files"))
        #expect(all.stdout.contains("ok: \(directory.path)/d-good.yaml"), "\(all.stdout)")

        let lint = try await NetReadyBinary.run(["targets", "validate", "--allow-missing-env", directory.path])
        #expect(lint.status == 2)
        #expect(!lint.stderr.contains("a-secret.yaml"), "\(lint.stderr)")
        #expect(lint.stdout.contains("a-secret.yaml: 1 targets, 1 probes"), "\(lint.stdout)")
        #expect(lint.stderr.contains("2 bad target files"))

        let show = try await NetReadyBinary.run(
            ["targets", "show", directory.appendingPathComponent("a-secret.yaml").path])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("turn:127.0.0.1  [with credential]"))
        // A run still refuses to start without the secret.
        let check = try await NetReadyBinary.run(["check", directory.appendingPathComponent("a-secret.yaml").path])
        #expect(check.status == 2)
    }

    @Test func everyProblemInOneFileIsNamedInFileOrder() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("many.yaml")
        try """
        name: many
        defaults:
          samples: 0
        targets:
          - name: first
            probes:
              - tcp://127.0.0.1
              - tcp://127.0.0.1:1
              - udp://127.0.0.1:99999
          - name: second
            requird: true
            probes:
              - tcp://127.0.0.1:2
          - name: first
            probes:
              - htp://127.0.0.1:3
        """.write(to: file, atomically: true, encoding: .utf8)
        let run = try await NetReadyBinary.run(["targets", "validate", file.path])
        #expect(run.status == 2)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        let places = errors.compactMap { line in
            line.split(separator: ":").dropFirst().prefix(2).map(String.init).joined(separator: ":") as String?
        }
        // defaults.samples, the port-less URI, the bad port, the typo, the duplicate name and the bad scheme:
        // six problems, each at its own line, in file order.
        #expect(places == ["3:12", "7:9", "9:9", "11:5", "14:11", "16:9"], "\(run.stderr)")
        #expect(run.stderr.contains("1 bad target file"))
        // The same problems stop a run before it probes anything.
        let check = try await NetReadyBinary.run(["check", file.path])
        #expect(check.status == 2)
        #expect(check.stderr.contains("many.yaml:16:9"), "\(check.stderr)")
    }
}
