import Foundation
import NetReadyTLS
import Testing

@testable import NetReady

/// A fresh temporary directory, removed when the test ends.
final class TargetsTempDirectory {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("netready-targets-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` inside the directory and returns the file's path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// A minimal valid target file with one target.
func oneTargetYAML(_ name: String, uri: String = "icmp:example.com") -> String {
    "targets:\n  - name: \(name)\n    probes: [\(uri)]\n"
}

@Suite("Target loading", .timeLimit(.minutes(3)))
struct TargetLoaderTests {
    @Test func loadsAFileWithItsHash() throws {
        let directory = try TargetsTempDirectory()
        let path = try directory.write("playbooks.yaml", targetsSpecExample)
        let files = try TargetLoader.load(arguments: [path], profiles: [:], environment: ["TURN_CREDENTIAL": "x"])
        #expect(files.count == 1)
        #expect(files[0].name == "playbooks")
        #expect(files[0].source == TargetSource(path: path, sha256: Digest.sha256Hex(targetsSpecExample.utf8)))
        #expect(files[0].targets[2].probes[1].credential == "x")
    }

    @Test func fileNameDefaultsToTheFileStem() throws {
        let directory = try TargetsTempDirectory()
        let path = try directory.write("crm.yml", oneTargetYAML("a"))
        #expect(try TargetLoader.load(arguments: [path], profiles: [:], environment: [:])[0].name == "crm")
    }

    @Test func jsonFile() throws {
        let directory = try TargetsTempDirectory()
        let path = try directory.write("t.json", #"{"targets": [{"name": "a", "probes": ["tcp://h:443"]}]}"#)
        let files = try TargetLoader.load(arguments: [path], profiles: [:], environment: [:])
        #expect(files[0].targets[0].probes[0].uri.port == 443)
    }

    @Test func directoryIsReadInLexicalOrder() throws {
        let directory = try TargetsTempDirectory()
        try directory.write("20-voice.yaml", oneTargetYAML("voice"))
        try directory.write("10-crm.yml", oneTargetYAML("crm"))
        try directory.write("3-media.yaml", oneTargetYAML("media"))
        try directory.write("B.yaml", oneTargetYAML("upper"))
        try directory.write("notes.txt", "not a target file")
        try directory.write(".hidden.yaml", "this: is: not: read")
        try directory.write("sub.yaml/inner.yaml", oneTargetYAML("nested"))
        let files = try TargetLoader.load(arguments: [directory.path], profiles: [:], environment: [:])
        #expect(files.map(\.name) == ["10-crm", "20-voice", "3-media", "B"])
        #expect(files.map(\.targets[0].name) == ["crm", "voice", "media", "upper"])
        #expect(files[0].source.path == directory.path + "/10-crm.yml")
    }

    @Test func emptyDirectoryIsAnError() throws {
        let directory = try TargetsTempDirectory()
        try directory.write("readme.md", "x")
        #expect {
            _ = try TargetLoader.load(arguments: [directory.path], profiles: [:], environment: [:])
        } throws: { error in
            (error as? TargetFileError)?.message.contains("has no .yaml or .yml files") == true
        }
    }

    @Test func errorInADirectoryNamesTheFile() throws {
        let directory = try TargetsTempDirectory()
        try directory.write("a.yaml", oneTargetYAML("a"))
        let bad = try directory.write("b.yaml", "targets:\n  - name: b\n    probes: [tcp://h]\n")
        do {
            _ = try TargetLoader.load(arguments: [directory.path], profiles: [:], environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: bad, line: 3, column: 14))
            #expect(error.description.hasPrefix("\(bad):3:14: error: 'tcp://h' has no port"))
        }
    }

    @Test func profileLookup() throws {
        let profiles = [
            "playbooks": targetsSpecExample,
            "twilio-voice": oneTargetYAML(
                "Twilio",
                uri: "stun:global.stun.twilio.com"),
        ]
        let files = try TargetLoader.load(
            arguments: ["twilio-voice", "playbooks"], profiles: profiles,
            environment: ["TURN_CREDENTIAL": "x"])
        #expect(files.map(\.name) == ["twilio-voice", "playbooks"])
        #expect(files.map(\.source.path) == ["profile:twilio-voice", "profile:playbooks"])
        #expect(files[0].source.sha256 == Digest.sha256Hex(profiles["twilio-voice"]!.utf8))
    }

    @Test func errorInAProfileNamesTheProfile() {
        do {
            _ = try TargetLoader.load(
                arguments: ["p"], profiles: ["p": oneTargetYAML("a", uri: "tcp://h:0")],
                environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: "profile:p", line: 3, column: 14))
        }
    }

    @Test func unsetVariableInAProfile() {
        do {
            _ = try TargetLoader.load(
                arguments: ["playbooks"], profiles: ["playbooks": targetsSpecExample],
                environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description == "profile:playbooks:18:21: error: credential: environment variable "
                    + "TURN_CREDENTIAL is not set (export TURN_CREDENTIAL=... before running netready)")
        }
    }

    @Test func uriArgumentsFormOneSyntheticFile() throws {
        let files = try TargetLoader.load(
            arguments: ["tcp://example.com:443", "stun:stun.example.com:3478", "tcp://example.com:443"],
            profiles: [:], environment: [:]
        )
        #expect(files.count == 1)
        let file = files[0]
        #expect(file.name == "command line")
        #expect(file.source.path == "command line")
        #expect(file.source.sha256.count == 64)
        #expect(file.targets.map(\.name) == ["tcp://example.com:443", "stun:stun.example.com:3478"])
        #expect(file.targets.allSatisfy { $0.required })
        #expect(file.targets.map { $0.probes.count } == [1, 1])
        #expect(file.targets[1].probes[0].uri.kind == .stun)
        #expect(file.targets[1].probes[0].location == SourceLocation(file: "command line", line: 1, column: 2))
    }

    @Test func uriArgumentsAroundAFileFormSeparateGroups() throws {
        let directory = try TargetsTempDirectory()
        let path = try directory.write("x.yaml", oneTargetYAML("x"))
        let files = try TargetLoader.load(
            arguments: ["icmp:a.example", "dns:b.example", path, "tls://c.example:443?sni=c.example"],
            profiles: [:], environment: [:]
        )
        #expect(files.map(\.name) == ["command line", "x", "command line"])
        #expect(files[0].targets.count == 2)
        #expect(files[2].targets[0].probes[0].sni == "c.example")
    }

    @Test func badURIArgumentExplainsTheURI() {
        do {
            _ = try TargetLoader.load(arguments: ["tcp://example.com"], profiles: [:], environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.location == nil)
            #expect(error.description.hasPrefix("error: bad probe URI: 'tcp://example.com' has no port"))
        }
    }

    @Test func unknownArgumentListsProfiles() {
        do {
            _ = try TargetLoader.load(
                arguments: ["playbok"], profiles: ["playbooks": "", "twilio-voice": ""],
                environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "'playbok' is not a target file, directory, shipped profile or probe URI")
            #expect(error.fix == "did you mean 'playbooks'? shipped profiles: playbooks, twilio-voice")
        }
    }

    @Test func unknownSchemeArgument() {
        do {
            _ = try TargetLoader.load(
                arguments: ["htps://example.com/"], profiles: ["playbooks": ""],
                environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(
                error.message == "'htps://example.com/' is not a target file, directory, shipped profile or "
                    + "probe URI: unknown probe scheme 'htps'")
            #expect(error.fix?.hasPrefix("did you mean 'https'? known schemes: dns, tcp, udp") == true)
            #expect(error.fix?.hasSuffix("; shipped profiles: playbooks") == true)
        }
    }

    @Test func missingFileArgument() {
        do {
            _ = try TargetLoader.load(arguments: ["targets.d/nope.yaml"], profiles: [:], environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "error: no such file or directory: 'targets.d/nope.yaml'")
        }
    }

    @Test func noArgumentsGiveNoFiles() throws {
        #expect(
            try TargetLoader.load(
                arguments: [], profiles: ["playbooks": targetsSpecExample],
                environment: [:]
            ).isEmpty)
    }

    @Test func invalidUTF8IsLocated() throws {
        let directory = try TargetsTempDirectory()
        let path = (directory.path as NSString).appendingPathComponent("bad.yaml")
        let bytes = Data("name: x\ndescription: caf".utf8) + [0xff, 0x65] + Data("\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        do {
            _ = try TargetLoader.loadFile(path: path, environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: path, line: 2, column: 17))
            #expect(error.message == "the target file is not UTF-8 text")
        }
    }

    @Test func directoryGivenAsAFile() throws {
        let directory = try TargetsTempDirectory()
        #expect {
            _ = try TargetLoader.loadFile(path: directory.path, environment: [:])
        } throws: { error in
            (error as? TargetFileError)?.message == "'\(directory.path)' is a directory, not a target file"
        }
    }

    @Test func unreadableFile() {
        #expect {
            _ = try TargetLoader.loadFile(path: "/nonexistent/netready.yaml", environment: [:])
        } throws: { error in
            (error as? TargetFileError)?.message.hasPrefix("cannot read target file '/nonexistent/netready.yaml'")
                == true
        }
    }
}
