import Foundation
import Testing

@testable import NetReady

/// Hostile and mistaken target files, each rejected with `file:line:column` and what is wrong (issue 20):
/// every option with a wrong type, bad durations and URIs, unknown and duplicate keys, and the files no
/// editor should produce (deep nesting, a 1 MB line, NUL bytes, alias bombs, other encodings).
/// Loaded from disk through `TargetLoader.loadFile`, the path `check` and `targets validate` take.
@Suite("Malformed target files", .timeLimit(.minutes(3)))
struct MalformedTargetFileTests {
    /// A file that must be rejected at `line:column` with a message containing `says`.
    struct MalformedFile: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var says: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ line: Int, _ column: Int, _ says: String) {
            self.init(name, Array(text.utf8), line, column, says)
        }

        init(_ name: String, _ bytes: [UInt8], _ line: Int, _ column: Int, _ says: String) {
            self.name = name
            self.bytes = bytes
            self.line = line
            self.column = column
            self.says = says
        }
    }

    static let oneTarget = "targets:\n  - name: a\n    probes: [tcp://h:1]\n"
    static let probeItem = "targets:\n  - name: a\n    probes:\n      - "
    static let tcpProbe = probeItem + "uri: tcp://h:1\n"
    static let turnProbe = probeItem + "uri: turn:h\n"
    static let megabyte = String(repeating: "x", count: 1 << 20)

    static let files: [MalformedFile] = [
        MalformedFile("probe timeout is a list", tcpProbe + "        timeout: [1s]\n",
            5, 18, "expected 'timeout' to be a string, found a list"),
        MalformedFile("probe timeout is a map", tcpProbe + "        timeout: {s: 1}\n",
            5, 18, "expected 'timeout' to be a string, found a map"),
        MalformedFile("negative duration", tcpProbe + "        timeout: -1s\n",
            5, 18, "bad timeout: duration '-1s' is negative"),
        MalformedFile("duration with a space", tcpProbe + "        timeout: 3 s\n",
            5, 18, "bad timeout: '3 s' is not a duration"),
        MalformedFile("duration unit only", tcpProbe + "        timeout: s\n",
            5, 18, "bad timeout: 's' is not a duration"),
        MalformedFile("duration unknown unit", tcpProbe + "        timeout: 3sec\n",
            5, 18, "bad timeout: '3sec' is not a duration"),
        MalformedFile("duration two dots", tcpProbe + "        timeout: 1.5.2s\n",
            5, 18, "bad timeout: '1.5.2s' is not a duration"),
        MalformedFile("duration overflow", tcpProbe + "        timeout: 99999999999999999999h\n",
            5, 18, "bad timeout: '99999999999999999999h' is not a duration"),
        MalformedFile("duration exponent", tcpProbe + "        timeout: 1e3s\n",
            5, 18, "bad timeout: '1e3s' is not a duration"),
        MalformedFile("samples is a list", tcpProbe + "        samples: [1]\n",
            5, 18, "expected 'samples' to be a whole number from 1 to 1000, found a list"),
        MalformedFile("samples is a fraction", tcpProbe + "        samples: 1.5\n",
            5, 18, "expected 'samples' to be a whole number from 1 to 1000, found '1.5'"),
        MalformedFile("samples in hex", tcpProbe + "        samples: 0x10\n",
            5, 18, "expected 'samples' to be a whole number from 1 to 1000, found '0x10'"),
        MalformedFile("samples overflow", tcpProbe + "        samples: 99999999999999999999999\n",
            5, 18, "expected 'samples' to be a whole number from 1 to 1000, found '99999999999999999999999'"),
        MalformedFile("expect is a list", tcpProbe + "        expect: [blocked]\n",
            5, 17, "expected 'expect' to be a string, found a list"),
        MalformedFile(
            "binding-lifetime above 600 s", probeItem + "udp://h:5004?binding-lifetime=601s\n", 4, 9,
            "binding-lifetime 601s in 'udp://h:5004?binding-lifetime=601s' must be from 15s to 600s"),
        MalformedFile("dscp above 63", probeItem + "rtp://h:5004?dscp=64\n", 4, 9, "dscp '64' in 'rtp://h:5004?dscp=64'"),
        MalformedFile("dscp unknown class", probeItem + "uri: udp://h:5004?dscp=AF5\n", 4, 14, "dscp 'AF5'"),
        MalformedFile("sni is a list", probeItem + "uri: tls://h:443\n        sni: [h]\n",
            5, 14, "expected 'sni' to be a string, found a list"),
        MalformedFile("sni is not a host name", probeItem + "uri: tls://h:443\n        sni: 'a b'\n",
            5, 14, "bad sni: 'a b' contains ' ', which is not allowed in a host name"),
        MalformedFile("alpn is a map", probeItem + "uri: tls://h:443\n        alpn: {h2: 1}\n",
            5, 15, "expected 'alpn' to be a string, found a map"),
        MalformedFile("expect_status is a map", probeItem + "uri: https://h/\n        expect_status: {a: 1}\n",
            5, 24, "expected 'expect_status' to be a string, found a map"),
        MalformedFile("expect_status is text", probeItem + "uri: https://h/\n        expect_status: ok\n",
            5, 24, "bad expect_status 'ok'"),
        MalformedFile("issuer is a map", probeItem + "uri: tls://h:443\n        issuer: {cn: x}\n",
            5, 17, "expected 'issuer' to be a string, found a map"),
        MalformedFile("username is a list", turnProbe + "        username: [u]\n        credential: c\n",
            5, 19, "expected 'username' to be a string, found a list"),
        MalformedFile("credential is a map", turnProbe + "        username: u\n        credential: {k: v}\n",
            6, 21, "expected 'credential' to be a string, found a map"),
        MalformedFile("uri is a list", probeItem + "uri: [tcp://h:1]\n",
            4, 14, "expected 'uri' to be a string, found a list"),
        MalformedFile("uri is a number", probeItem + "uri: 42\n", 4, 14, "'42' is not a probe URI: it has no scheme"),
        MalformedFile("required is a number", "targets:\n  - name: a\n    required: 1\n    probes: [tcp://h:1]\n",
            3, 15, "expected 'required' to be true or false, found '1'"),
        MalformedFile("required is a list", "targets:\n  - name: a\n    required: [true]\n    probes: [tcp://h:1]\n",
            3, 15, "expected 'required' to be true or false, found a list"),
        MalformedFile("tags nested list", "targets:\n  - name: a\n    tags: [[a]]\n    probes: [tcp://h:1]\n",
            3, 12, "expected each item of 'tags' to be a string, found a list"),
        MalformedFile("target name is a list", "targets:\n  - name: [a]\n    probes: [tcp://h:1]\n",
            2, 11, "expected 'name' to be a string, found a list"),
        MalformedFile(
            "description is a map", "targets:\n  - name: a\n    description: {a: b}\n    probes: [tcp://h:1]\n",
            3, 18,
            "expected 'description' to be a string, found a map"),
        MalformedFile("file name is a map", "name: {a: b}\n" + oneTarget,
            1, 7, "expected 'name' to be a string, found a map"),
        MalformedFile("defaults is a list", "defaults: [3s]\n" + oneTarget,
            1, 11, "expected defaults to be a map, found a list"),
        MalformedFile("defaults timeout is a list", "defaults: {timeout: [1s]}\n" + oneTarget,
            1, 21, "expected 'timeout' to be a string, found a list"),
        MalformedFile("resolvers is a map", "resolvers: {a: b}\n" + oneTarget,
            1, 12, "expected 'resolvers' to be a list, found a map"),
        MalformedFile("resolver is a list", "resolvers: [[127.0.0.1]]\n" + oneTarget,
            1, 13, "expected 'resolvers' to be a string, found a list"),
        MalformedFile("egress is a list", "egress: []\n" + oneTarget,
            1, 9, "expected egress to be a map, found a list"),
        MalformedFile("egress servers is text", "egress:\n  servers: stun:h\n" + oneTarget,
            2, 12, "expected 'servers' to be a list, found 'stun:h'"),
        MalformedFile("egress server scheme", "egress:\n  servers: [gopher://h]\n" + oneTarget,
            2, 13, "unknown probe scheme 'gopher' in 'gopher://h'"),
        MalformedFile("egress expect is text", "egress:\n  expect: 10.0.0.0/8\n" + oneTarget,
            2, 11, "expected 'expect' to be a list, found '10.0.0.0/8'"),
        MalformedFile("sinkholes is text", "sinkholes: 0.0.0.0\n" + oneTarget,
            1, 12, "expected 'sinkholes' to be a list, found '0.0.0.0'"),
        MalformedFile("targets is text", "targets: tcp://h:1\n",
            1, 10, "expected 'targets' to be a list, found 'tcp://h:1'"),
        MalformedFile("probes is text", "targets:\n  - name: a\n    probes: tcp://h:1\n",
            3, 13, "expected 'probes' to be a list, found 'tcp://h:1'"),
        MalformedFile("unknown key with wrong case", "Targets:\n  - name: a\n    probes: [tcp://h:1]\n",
            1, 1, "unknown key 'Targets' in the target file"),
        MalformedFile("unknown probe key URI", probeItem + "URI: tcp://h:1\n", 4, 9, "unknown key 'URI' in probe"),
        MalformedFile("unknown target key probe", "targets:\n  - name: a\n    probe: [tcp://h:1]\n",
            3, 5, "unknown key 'probe' in target"),
        MalformedFile("unknown defaults key", "defaults: {timout: 1s}\n" + oneTarget,
            1, 12, "unknown key 'timout' in defaults"),
        MalformedFile("unknown egress key", "egress: {expected: []}\n" + oneTarget,
            1, 10, "unknown key 'expected' in egress"),
        MalformedFile("duplicate top-level key", oneTarget + "targets: []\n",
            1, 1, "key 'targets' appears more than once in the same map"),
        MalformedFile("duplicate defaults key", "defaults: {timeout: 1s, timeout: 2s}\n" + oneTarget,
            1, 12, "key 'timeout' appears more than once in the same map"),
        MalformedFile("duplicate probe key", tcpProbe + "        timeout: 1s\n        timeout: 2s\n",
            5, 9, "key 'timeout' appears more than once in the same map"),
        MalformedFile("uri port zero", probeItem + "tcp://h:0\n", 4, 9, "port 0 in 'tcp://h:0' is out of range"),
        MalformedFile("uri without host", probeItem + "tcp://:80\n", 4, 9, "'tcp://:80' has no host"),
        MalformedFile("uri unclosed bracket", probeItem + "'tcp://[::1:80'\n",
            4, 9, "'tcp://[::1:80' lacks the ']' closing its IPv6 address"),
        MalformedFile("uri open port range", probeItem + "tcp://h:1-\n",
            4, 9, "port '' in 'tcp://h:1-' is not a number"),
        MalformedFile("uri backwards port range", probeItem + "tcp://h:5-1\n",
            4, 9, "port range 5-1 in 'tcp://h:5-1' runs backwards"),
        MalformedFile("uri empty dns name", probeItem + "'dns:'\n", 4, 9, "'dns:' has no host"),
        MalformedFile("uri port not a number", probeItem + "udp://h:abc\n",
            4, 9, "port 'abc' in 'udp://h:abc' is not a number"),
        MalformedFile("uri unknown transport", probeItem + "stun:h?transport=sctp\n",
            4, 9, "transport 'sctp' is not supported by stun: in 'stun:h?transport=sctp'"),
        MalformedFile("uri bad rtp duration", probeItem + "rtp://h:5004?duration=abc\n",
            4, 9, "bad duration in 'rtp://h:5004?duration=abc': 'abc' is not a duration"),
        MalformedFile("uri with a space", probeItem + "'https://h/a b'\n",
            4, 9, "probe URI 'https://h/a b' contains a space"),
        MalformedFile("key is a list", "[a]: b\n" + oneTarget,
            1, 1, "expected a plain key in the target file, found a list"),
        MalformedFile("key is null", "~: x\n" + oneTarget,
            1, 1, "expected a plain key in the target file, found nothing"),
        MalformedFile("merge of undefined alias", "targets:\n  - <<: *nope\n    name: a\n    probes: [tcp://h:1]\n",
            2, 9, "invalid YAML: found undefined alias"),
        MalformedFile("merge of a scalar", "targets:\n  - <<: 5\n    name: a\n    probes: [tcp://h:1]\n",
            2, 9, "expected target to be a map, found '5'"),
        MalformedFile("bell character", "name: a\u{7}b\n" + oneTarget,
            1, 8, "invalid YAML: control characters are not allowed"),
        MalformedFile("lone BOM", "\u{FEFF}", 1, 1, "the target file is empty"),
        // What no editor writes by hand.
        MalformedFile("deep flow nesting", "targets: " + String(repeating: "[", count: 5000), 1, 11,
            "nested more than 1000 levels deep"),
        MalformedFile("deep map nesting", "name: " + String(repeating: "{a: ", count: 2000) + "\n", 1, 3999,
            "nested more than 1000 levels deep"),
        MalformedFile("deep block nesting", "targets:\n" + (1...1100).map {
            String(repeating: " ", count: $0) + "-\n" }.joined(), 1000, 1000, "nested more than 1000 levels deep"),
        MalformedFile("1 MB value", "name: " + megabyte + "\n" + oneTarget, 1, 7,
            "'name' is 1048576 characters long, more than 4096"),
        MalformedFile("1 MB URI", probeItem + "tcp://" + megabyte + ":1\n", 4, 9, "characters long, more than 4096"),
        // libyaml allows keys of up to 1024 characters and then reports the colon.
        MalformedFile("1 MB key", megabyte + ": 1\n" + oneTarget, 1, 1_048_577, "mapping values are not allowed"),
        MalformedFile("1000-character unknown key", String(megabyte.prefix(1000)) + ": 1\n" + oneTarget, 1, 1,
            "unknown key '\(megabyte.prefix(60))... (1000 characters)' in the target file"),
        MalformedFile(
            "NUL byte in a value", tcpProbe + "        sni: a\u{0}b\n", 5, 15, "control characters are not allowed"),
        MalformedFile("NUL byte first", "\u{0}" + oneTarget, 1, 1, "control characters are not allowed"),
        MalformedFile("not UTF-8", [0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xFF, 0x0A], 1, 7,
            "the target file is not UTF-8 text"),
        MalformedFile("UTF-16 with its BOM", [0xFF, 0xFE] + Array("targets: []\n".utf8).flatMap { [$0, 0] }, 1, 1,
            "the target file is not UTF-8 text"),
        MalformedFile("a UTF-8 BOM and nothing else", "\u{FEFF}", 1, 1, "the target file is empty"),
        MalformedFile("error after a UTF-8 BOM", "\u{FEFF}" + probeItem + "gopher://h\n", 4, 9,
            "unknown probe scheme 'gopher'"),
        MalformedFile("stun stream to a public server above 60 s", probeItem + "stun:stun.example.com?duration=61s\n",
            4, 9, "duration 1m1s to the public STUN server stun.example.com is above 60s"),
        MalformedFile("stun stream to a public address above 60 s", probeItem + "stun:198.51.100.7?duration=2m\n",
            4, 9, "to the public STUN server 198.51.100.7 is above 60s"),
        MalformedFile("stun stream over tcp", probeItem + "stun:10.0.0.1?transport=tcp&duration=5s\n",
            4, 9, "a stun: quality stream runs over udp only"),
        MalformedFile("turn stream to a public server above 60 s",
            probeItem + "turn:turn.example.com?transport=tcp&duration=61s\n",
            4, 9, "duration 1m1s to the public TURN server turn.example.com is above 60s"),
        MalformedFile("turn stream above 4 minutes", probeItem + "turn:10.0.0.1?duration=5m\n",
            4, 9, "a turn: quality stream lasts at most 4m"),
        MalformedFile("turn codec without duration", probeItem + "turn:10.0.0.1?codec=opus\n",
            4, 9, "codec without duration"),
        MalformedFile("turn bitrate without duration", probeItem + "turn:10.0.0.1?bitrate=100kbps\n",
            4, 9, "bitrate without duration"),
        MalformedFile("thresholds key that does not exist", "thresholds: {max_lost: 1%}\n" + oneTarget,
            1, 14, "max_lost"),
        MalformedFile("min_bandwidth without a unit", "thresholds: {min_bandwidth: 100}\n" + oneTarget,
            1, 29, "bad min_bandwidth '100': a bandwidth needs its unit"),
        MalformedFile("max_loss not a percentage", "targets:\n  - name: a\n    thresholds: {max_loss: lots}\n"
            + "    probes: [tcp://h:1]\n", 3, 28, "bad max_loss 'lots'"),
        MalformedFile("billion laughs through merge keys", mergeBomb, 2, 5, "'<<' merges more than 1000 maps"),
        MalformedFile("billion laughs through list aliases", listBomb, 3, 13,
            "expected a probe URI or a map with 'uri:', found a list"),
    ]

    /// Nine merges of nine merges of ... of one target: 9^9 maps if expanded naively.
    static let mergeBomb = "targets:\n  - &a0 {name: a, probes: [tcp://h:1]}\n"
        + (1...9).map { level in
            "  - &a\(level) {<<: [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
                + "], name: n\(level)}\n"
        }.joined()

    /// The classic bomb, as probe lists of probe lists.
    static let listBomb = "targets:\n  - name: a\n    probes: &p0 [tcp://h:1, tcp://h:2]\n"
        + (1...9).map { level in
            "  - name: n\(level)\n    probes: &p\(level) ["
                + Array(repeating: "*p\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }.joined()

    /// A fresh directory for this test's files.
    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("rejected with file:line:column", arguments: files)
    func rejected(_ bad: MalformedFile) throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.yaml").path
        try Data(bad.bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try TargetLoader.loadFile(path: path, environment: [:])
            Issue.record("loaded without an error")
        } catch {
            #expect(error.location == SourceLocation(file: path, line: bad.line, column: bad.column), "\(error)")
            #expect(error.description.hasPrefix("\(path):\(bad.line):\(bad.column): error: "), "\(error)")
            #expect(error.description.contains(bad.says), "\(error)")
            // One line per problem (a file may have several, at most TargetFileProblems.limit), none quoting too much.
            let lines = error.description.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count < 1000 }, "a message quotes too much: \(error.description.count) chars")
            #expect(lines.count <= TargetFileProblems.limit + 1)
        }
    }

    @Test func atLeastFiftyKinds() {
        #expect(Self.files.count >= 50)
        #expect(Set(Self.files.map(\.name)).count == Self.files.count)
    }

    /// Windows Notepad starts UTF-8 files with a byte order mark: such a file is a good file.
    @Test func utf8ByteOrderMarkIsAccepted() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notepad.yaml").path
        let text = "name: notepad\r\n" + Self.oneTarget.replacingOccurrences(of: "\n", with: "\r\n")
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: URL(fileURLWithPath: path))
        let file = try TargetLoader.loadFile(path: path, environment: [:])
        #expect(file.name == "notepad")
        #expect(file.targets.map(\.name) == ["a"])
    }

    /// The exit code and the message as a user sees them, for a few of the files above.
    @Test(arguments: ["NUL byte first", "billion laughs through merge keys", "deep flow nesting", "1 MB URI"])
    func validateAndCheckExitTwo(_ name: String) async throws {
        let bad = try #require(Self.files.first { $0.name == name })
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.yaml").path
        try Data(bad.bytes).write(to: URL(fileURLWithPath: path))
        for command in [["targets", "validate", path], ["check", path]] {
            let output = try await NetReadyBinary.run(command)
            #expect(output.status == 2, "\(command): \(output.stderr)")
            #expect(output.stderr.contains("\(path):\(bad.line):\(bad.column): error: "), "\(output.stderr)")
            #expect(output.stderr.contains(bad.says), "\(output.stderr)")
        }
        let good = directory.appendingPathComponent("bom.yaml").path
        try Data([0xEF, 0xBB, 0xBF] + Array(Self.oneTarget.utf8)).write(to: URL(fileURLWithPath: good))
        #expect(try await NetReadyBinary.run(["targets", "validate", good]).status == 0)
    }
}
