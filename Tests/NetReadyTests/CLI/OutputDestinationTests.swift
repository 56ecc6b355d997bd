import Foundation
import NetReadyTestSupport
import Testing

/// `-o` as in the tools people know: repeatable, the format from each file's extension, `-` for standard
/// output, the table kept on the terminal, and a path that cannot be written refused before probing.
@Suite(.timeLimit(.minutes(2))) struct OutputDestinationTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func contents(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }

    @Test func eachFileGetsTheFormatItsExtensionNames() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let listener = try LoopbackListener()
        let names = ["r.json", "r.ndjson", "r.xml", "r.html", "r.prom", "r.txt"]
        let output = try await NetReadyBinary.run(
            ["check", "tcp://127.0.0.1:\(listener.port)", "--samples", "1"] + names.flatMap { ["-o", file($0)] })
        #expect(output.status == 0, "stderr: \(output.stderr)")
        // Standard output is not a terminal here: nothing goes there when every report has its file.
        #expect(output.stdout.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(try contents("r.json").utf8)) as? [String: Any]
        #expect(json?["schema"] as? String == "netready.report/v1")
        let lines = try contents("r.ndjson").split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.contains(#""type":"summary""#) == true)
        #expect(try contents("r.xml").hasPrefix(#"<?xml version="1.0""#))
        #expect(try contents("r.xml").contains("<testsuites"))
        #expect(try contents("r.html").hasPrefix("<!DOCTYPE html>"))
        #expect(try contents("r.prom").contains("netready_probe_success{"))
        #expect(try contents("r.txt").contains("READY: 1 passed"))
    }

    @Test func formatWinsOverTheExtensionAndDashIsStandardOutput() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let listener = try LoopbackListener()
        let output = try await NetReadyBinary.run(
            ["check", "tcp://127.0.0.1:\(listener.port)", "--samples", "1", "--format", "junit", "-o", file("r.json"),
             "-o", "-"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout.hasPrefix(#"<?xml version="1.0""#))
        #expect(try contents("r.json").hasPrefix(#"<?xml version="1.0""#))
        #expect(!FileManager.default.fileExists(atPath: "-"))
    }

    @Test func aPathThatCannotBeWrittenIsAUsageErrorBeforeAnyProbe() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, says) in [
            (file("missing/r.json"), "does not exist"), (directory.path, "is a directory"),
        ] {
            // A long timeout towards a port nobody answers: only an early refusal ends this quickly.
            let output = try await NetReadyBinary.run(
                ["check", "tcp://127.0.0.1:1", "--samples", "1", "-o", path], timeoutSeconds: 30)
            #expect(output.status == 2, "\(path): \(output.stderr)")
            #expect(output.stderr.contains("-o \(path)") && output.stderr.contains(says), "\(output.stderr)")
            #expect(!output.stderr.contains("NSCocoaErrorDomain"))
        }
    }

    @Test func theTableStaysOnTheTerminalWhenTheReportGoesToAFile() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let listener = try LoopbackListener()
        let command =
            "\(NetReadyBinary.path) check tcp://127.0.0.1:\(listener.port) --samples 1 -o \(file("r.json"))"
        let screen = try await onOwnThread {
            // script(1) gives the command a pseudo-terminal, as an interactive shell would.
            try ChildProcess("/usr/bin/script", ["-qec", command, "/dev/null"]).runCapturing(timeoutSeconds: 60)
        }
        #expect(screen.stdout.contains("READY: 1 passed"), "\(screen.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(try contents("r.json").utf8)) as? [String: Any]
        #expect(json?["schema"] as? String == "netready.report/v1")
    }
}
