import Foundation
import NetReadyTestSupport
import Testing

/// Shell completion as bash runs it: the generated script sourced in a real bash, the completion function
/// called the way `complete -F` calls it, and the candidates read from COMPREPLY.
@Suite(.timeLimit(.minutes(2))) struct CompletionTests {
    /// The candidates bash offers for the last word of `words` (after `netready`).
    private func complete(_ words: [String], in directory: String? = nil) async throws -> [String] {
        let binary = NetReadyBinary.path
        let all = [binary] + words
        let quoted = all.map { "'\($0)'" }.joined(separator: " ")
        let line = all.joined(separator: " ")
        let script = """
            \(directory.map { "cd '\($0)'" } ?? ":")
            source <('\(binary)' --generate-completion-script bash)
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            _netready '\(binary)' '\(words.last ?? "")' '\(words.dropLast().last ?? binary)'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let output = try await onOwnThread {
            try ChildProcess("/bin/bash", ["-c", script]).runCapturing(timeoutSeconds: 60)
        }
        #expect(output.status == 0, "\(output.stderr)")
        return output.stdout.split(separator: "\n").map(String.init)
    }

    @Test func formatsProfilesFilesAndSchemesAreOffered() async throws {
        #expect(try await complete(["check", "--format", "j"]) == ["json", "junit"])
        #expect(try await complete(["report", "x.json", "--format", "fi"]) == ["firewall"])
        #expect(try await complete(["check", "twi"]) == ["twilio-voice"])
        #expect(try await complete(["check", "ud"]) == ["udp://"])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-comp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sites"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["sites/eu.yaml", "sites/notes.txt", "sites/us.yml"] {
            try "name: x\n".write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(try await complete(["targets", "validate", "sites/"], in: directory.path) == ["sites/eu.yaml", "sites/us.yml"])
        #expect(try await complete(["check", "--interface", "l"]).contains("lo"))
    }
}
