import Foundation
import NetReadyTLS
import Testing

@testable import NetReady

/// The example target file of SPEC.md, verbatim.
let targetsSpecExample = """
    name: playbooks
    description: Cloud dialer connected to a Salesforce org
    defaults: { timeout: 3s, samples: 5 }
    targets:
      - name: Salesforce login
        tags: [crm]
        probes:
          - https://login.salesforce.com/
      - name: Voice signalling
        probes:
          - wss://voice.example.com/signal
          - sips:sip.example.com:5061
      - name: STUN / TURN
        probes:
          - stun:stun.example.com:3478?transport=udp
          - uri: turns:turn.example.com:443?transport=tcp
            username: probe
            credential: ${TURN_CREDENTIAL}
      - name: Media range
        required: false
        probes:
          - udp://media.example.com:10000-20000
      - name: Must stay closed
        probes:
          - uri: tcp://10.0.0.5:23
            expect: blocked

    """

/// Parses `yaml` as `t.yaml`.
func parseTargetsYAML(_ yaml: String, environment: [String: String] = [:]) throws(TargetFileError) -> TargetFile {
    try TargetLoader.parse(yaml: yaml, path: "t.yaml", environment: environment)
}

/// The error parsing `yaml` as `t.yaml` throws, or `nil` (recorded as an issue) if it parses.
func targetsParseError(_ yaml: String, environment: [String: String] = [:]) -> TargetFileError? {
    do {
        _ = try parseTargetsYAML(yaml, environment: environment)
        Issue.record("expected an error for:\n\(yaml)")
        return nil
    } catch {
        return error
    }
}

@Suite("Target file parsing", .timeLimit(.minutes(3)))
struct TargetFileParserTests {
    /// A target file that must be rejected at `line:column` with a message containing `says`.
    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var line: Int
        var column: Int
        var says: String
        var testDescription: String { name }
    }

    @Test func targetsSpecExampleLoads() throws {
        let file = try parseTargetsYAML(targetsSpecExample, environment: ["TURN_CREDENTIAL": "s3cret"])
        #expect(file.name == "playbooks")
        #expect(file.description == "Cloud dialer connected to a Salesforce org")
        #expect(file.defaultTimeout == .seconds(3))
        #expect(file.defaultSamples == 5)
        #expect(file.source.path == "t.yaml")
        #expect(file.source.sha256 == Digest.sha256Hex(targetsSpecExample.utf8))
        #expect(
            file.targets.map(\.name)
                == ["Salesforce login", "Voice signalling", "STUN / TURN", "Media range", "Must stay closed"])
        #expect(file.targets.map(\.required) == [true, true, true, false, true])
        #expect(file.targets[0].tags == ["crm"])
        #expect(file.targets[0].location == SourceLocation(file: "t.yaml", line: 5, column: 5))
        #expect(file.targets[0].probes[0].uri.kind == .https)
        #expect(file.targets[0].probes[0].location == SourceLocation(file: "t.yaml", line: 8, column: 9))
        #expect(file.targets[1].probes.map(\.uri.kind) == [.wss, .sips])

        let turn = file.targets[2].probes[1]
        #expect(turn.uri.kind == .turns)
        #expect(turn.uri.port == 443)
        #expect(turn.username == "probe")
        #expect(turn.credential == "s3cret")
        #expect(turn.location == SourceLocation(file: "t.yaml", line: 16, column: 14))
        #expect(!turn.description.contains("s3cret"))
        #expect(!turn.debugDescription.contains("s3cret"))
        var dumped = ""
        dump(turn, to: &dumped)
        #expect(!dumped.contains("s3cret"))
        #expect(turn.description.contains("credential: ***"))

        let media = file.targets[3].probes[0]
        #expect(media.uri.ports == 10000...20000)
        #expect(media.expect == .reachable)
        #expect(file.targets[4].probes[0].expect == .blocked)
        #expect(file.resolvers.isEmpty && file.egressServers.isEmpty && file.sinkholes.isEmpty)
    }

    @Test func shippedExampleFilesLoadIfPresent() throws {
        // targets.d/*.yaml in the repository, when there are some, must all be valid.
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("targets.d").path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory),
            names.contains(where: { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") })
        else { return }
        // Give every ${NAME} the files reference a value.
        var environment: [String: String] = [:]
        for name in names {
            let text = (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? ""
            for part in text.components(separatedBy: "${").dropFirst() {
                environment[String(part.prefix { $0.isLetter || $0.isNumber || $0 == "_" })] = "x"
            }
        }
        let files = try TargetLoader.load(arguments: [directory], profiles: [:], environment: environment)
        #expect(!files.isEmpty)
    }

    @Test func optionalSectionsAndProbeOptions() throws {
        let yaml = """
            resolvers: [192.0.2.53, "198.51.100.53:53", "[2001:db8::53]:5353", "2001:db8::1"]
            egress:
              servers: [stun:stun.example.com, https://ifconfig.example.com/ip]
              expect: [203.0.113.0/24, 2001:db8::/32, 198.51.100.7]
            sinkholes: [0.0.0.0, "::"]
            targets:
              - name: API
                description: the REST API
                tags: crm
                probes:
                  - uri: https://api.example.com/health
                    expect_status: [200, "204", "300-399", 4xx]
                    issuer: DigiCert*
                    sni: API.example.com
                    alpn: h2, http/1.1
                    timeout: 1.5s
                    samples: 1000
                  - uri: tls://api.example.com:443?sni=x.example.com&alpn=h2
                    issuer: [DigiCert*, "Let's Encrypt"]
                  - uri: tls://api.example.com:443?alpn=h2
                    alpn: [acme-tls/1]
                  - uri: http://api.example.com/
                    expect_status: 200
                  - uri: turn:turn.example.com
                    username: ${TURN_USER}-probe
                    credential: pa$$w${TURN_PASS}$${literal}
            """
        let file = try parseTargetsYAML(yaml, environment: ["TURN_USER": "alice", "TURN_PASS": "xyz"])
        #expect(file.name == "t")
        #expect(file.resolvers == ["192.0.2.53", "198.51.100.53:53", "[2001:db8::53]:5353", "2001:db8::1"])
        #expect(file.egressServers == ["stun:stun.example.com", "https://ifconfig.example.com/ip"])
        #expect(file.egressExpect == ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"])
        #expect(file.sinkholes == ["0.0.0.0", "::"])
        let target = file.targets[0]
        #expect(target.description == "the REST API")
        #expect(target.tags == ["crm"])
        let https = target.probes[0]
        #expect(https.expectStatus == [200...200, 204...204, 300...399, 400...499])
        #expect(https.issuer == ["DigiCert*"])
        #expect(https.sni == "api.example.com")
        #expect(https.alpn == ["h2", "http/1.1"])
        #expect(https.timeout == .milliseconds(1500))
        #expect(https.samples == 1000)
        #expect(target.probes[1].sni == "x.example.com")
        #expect(target.probes[1].alpn == ["h2"])
        #expect(target.probes[1].issuer == ["DigiCert*", "Let's Encrypt"])
        #expect(target.probes[2].sni == nil)
        #expect(target.probes[2].alpn == ["acme-tls/1"])
        #expect(target.probes[3].expectStatus == [200...200])
        #expect(target.probes[4].username == "alice-probe")
        #expect(target.probes[4].credential == "pa$$wxyz${literal}")
    }

    @Test func mergeKeysAndAnchors() throws {
        let yaml = """
            targets:
              - &base
                name: one
                required: false
                probes: [icmp:example.com]
              - <<: *base
                name: two
            """
        let file = try parseTargetsYAML(yaml)
        #expect(file.targets.map(\.name) == ["one", "two"])
        #expect(file.targets.map(\.required) == [false, false])
        #expect(file.targets[1].probes.first?.uri.kind == .icmp)
    }

    @Test func jsonIsAccepted() throws {
        let json = """
            {
            \t"name": "from-json",
            \t"targets": [
            \t\t{"name": "web", "required": true,
            \t\t "probes": ["https://example.com/", {"uri": "tcp://h:22", "expect": "blocked"}]}
            \t]
            }
            """
        let file = try parseTargetsYAML(json)
        #expect(file.name == "from-json")
        #expect(file.targets[0].probes.map(\.expect) == [.reachable, .blocked])
    }

    @Test func unknownKeyMessageMatchesTheContract() {
        let yaml = """
            targets:
              - name: a
                requird: false
                probes: [tcp://h:1]
            """
        #expect(
            targetsParseError(yaml)?.description
                == "t.yaml:3:5: error: unknown key 'requird' in target (did you mean 'required'?)")
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "empty file", yaml: "", line: 1, column: 1, says: "the target file is empty"),
        BadFile(name: "comment-only file", yaml: "# nothing\n", line: 1, column: 1, says: "the target file is empty"),
        BadFile(
            name: "top level is a list", yaml: "- name: a\n", line: 1, column: 1,
            says: "expected the target file to be a map, found a list"),
        BadFile(
            name: "unknown top-level key", yaml: "name: x\ntarget: []\n", line: 2, column: 1,
            says: "unknown key 'target' in the target file (did you mean 'targets'?)"),
        BadFile(
            name: "unknown key far from any", yaml: "zzzzzz: 1\n", line: 1, column: 1,
            says: "(known keys: name, description, defaults, targets, resolvers, egress, sinkholes, thresholds)"),
        BadFile(
            name: "missing targets", yaml: "name: x\ndescription: y\n", line: 1, column: 1,
            says: "the target file has no 'targets'"),
        BadFile(
            name: "targets is a map", yaml: "targets:\n  name: a\n", line: 2, column: 3,
            says: "expected 'targets' to be a list, found a map"),
        BadFile(name: "targets is empty", yaml: "targets: []\n", line: 1, column: 10, says: "'targets' is empty"),
        BadFile(
            name: "target is a URI string", yaml: "targets: [tcp://h:1]\n", line: 1, column: 11,
            says: "expected a target (a map with name: and probes:), found 'tcp://h:1'"),
        BadFile(
            name: "missing target name", yaml: "targets:\n  - probes: [tcp://h:1]\n", line: 2, column: 5,
            says: "target has no 'name'"),
        BadFile(
            name: "empty target name", yaml: "targets:\n  - name:\n    probes: [tcp://h:1]\n", line: 2,
            column: 10, says: "expected 'name' to be a string, found nothing"),
        BadFile(
            name: "missing probes", yaml: "targets:\n  - name: a\n", line: 2, column: 5,
            says: "target 'a' has no 'probes'"),
        BadFile(
            name: "empty probes", yaml: "targets:\n  - name: a\n    probes: []\n", line: 3, column: 13,
            says: "target 'a' has an empty 'probes' list"),
        BadFile(
            name: "probes is a map", yaml: "targets:\n  - name: a\n    probes:\n      uri: tcp://h:1\n",
            line: 4, column: 7, says: "expected 'probes' to be a list, found a map"),
        BadFile(
            name: "unknown scheme", yaml: "targets:\n  - name: a\n    probes:\n      - gopher://h:70\n",
            line: 4, column: 9, says: "unknown probe scheme 'gopher'"),
        BadFile(
            name: "bad port", yaml: "targets:\n  - name: a\n    probes:\n      - tcp://h:70000\n",
            line: 4, column: 9, says: "port 70000 in 'tcp://h:70000' is out of range (use a port from 1 to 65535)"),
        BadFile(
            name: "missing port", yaml: "targets:\n  - name: a\n    probes:\n      - udp://h\n",
            line: 4, column: 9, says: "has no port"),
        BadFile(
            name: "probe map without uri",
            yaml: "targets:\n  - name: a\n    probes:\n      - expect: blocked\n",
            line: 4, column: 9, says: "probe has no 'uri'"),
        BadFile(
            name: "unknown probe key",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tcp://h:1\n        tiemout: 3s\n",
            line: 5, column: 9, says: "unknown key 'tiemout' in probe (did you mean 'timeout'?)"),
        BadFile(
            name: "bad probe duration",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tcp://h:1\n        timeout: 3\n",
            line: 5, column: 18, says: "bad timeout: duration '3' has no unit (write 3s or 250ms)"),
        BadFile(
            name: "zero timeout",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tcp://h:1\n        timeout: 0s\n",
            line: 5, column: 18, says: "'timeout' must be above zero"),
        BadFile(
            name: "bad default duration", yaml: "defaults: { timeout: 3 }\ntargets: []\n", line: 1, column: 22,
            says: "bad timeout"),
        BadFile(
            name: "unknown defaults key", yaml: "defaults: { sample: 3 }\ntargets: []\n", line: 1, column: 13,
            says: "unknown key 'sample' in defaults (did you mean 'samples'?)"),
        BadFile(
            name: "samples zero",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tcp://h:1\n        samples: 0\n",
            line: 5, column: 18, says: "expected 'samples' to be a whole number from 1 to 1000, found '0'"),
        BadFile(
            name: "samples too many",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tcp://h:1\n        samples: 1001\n",
            line: 5, column: 18, says: "from 1 to 1000"),
        BadFile(
            name: "samples not a number",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tcp://h:1\n        samples: five\n",
            line: 5, column: 18, says: "found 'five'"),
        BadFile(
            name: "samples negative", yaml: "defaults:\n  samples: -2\ntargets: []\n", line: 2, column: 12,
            says: "found '-2'"),
        BadFile(
            name: "expect neither reachable nor blocked",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tcp://h:1\n        expect: closed\n",
            line: 5, column: 17, says: "expected 'expect' to be reachable or blocked, found 'closed'"),
        BadFile(
            name: "required not a bool", yaml: "targets:\n  - name: a\n    required: maybe\n    probes: [icmp:h]\n",
            line: 3, column: 15, says: "expected 'required' to be true or false, found 'maybe'"),
        BadFile(
            name: "tags is a map", yaml: "targets:\n  - name: a\n    tags: {a: b}\n    probes: [icmp:h]\n",
            line: 3, column: 11, says: "expected 'tags' to be a string, found a map"),
        BadFile(
            name: "unset environment variable",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: turn:h\n        username: probe\n"
                + "        credential: ${TURN_CREDENTIAL}\n",
            line: 6, column: 21,
            says: "credential: environment variable TURN_CREDENTIAL is not set (export TURN_CREDENTIAL=..."),
        BadFile(
            name: "unclosed environment reference",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: turn:h\n        username: ${USER\n"
                + "        credential: x\n",
            line: 5, column: 19, says: "'${' is not closed"),
        BadFile(
            name: "credential without username",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: turn:h\n        credential: x\n",
            line: 5, column: 9, says: "'username' is missing"),
        BadFile(
            name: "credential on a tcp probe",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tcp://h:1\n        credential: x\n",
            line: 5, column: 9, says: "'credential' does not apply to a tcp: probe"),
        BadFile(
            name: "sni on a udp probe",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: udp://h:1\n        sni: h\n",
            line: 5, column: 9, says: "'sni' does not apply to a udp: probe"),
        BadFile(
            name: "expect_status on a tls probe",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: tls://h:1\n        expect_status: 200\n",
            line: 5, column: 9, says: "'expect_status' applies to http and https probes"),
        BadFile(
            name: "bad expect_status",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: https://h/\n"
                + "        expect_status: [200, 700]\n",
            line: 5, column: 30, says: "bad expect_status '700'"),
        BadFile(
            name: "backwards expect_status range",
            yaml: "targets:\n  - name: a\n    probes:\n      - uri: https://h/\n        expect_status: 399-200\n",
            line: 5, column: 24, says: "bad expect_status '399-200'"),
        BadFile(
            name: "duplicate target name",
            yaml: "targets:\n  - name: a\n    probes: [icmp:h]\n  - name: a\n    probes: [icmp:h]\n",
            line: 4, column: 11, says: "duplicate target name 'a' (first used at line 2"),
        BadFile(
            name: "duplicate key", yaml: "targets:\n  - name: a\n    name: b\n    probes: [icmp:h]\n",
            line: 2, column: 5, says: "key 'name' appears more than once in the same map (keep one)"),
        BadFile(
            name: "bad resolver", yaml: "resolvers: [1.2.3.4:99999]\ntargets: []\n", line: 1, column: 13,
            says: "bad entry in 'resolvers'"),
        BadFile(
            name: "resolver is a name", yaml: "resolvers:\n  - dns.google\ntargets: []\n", line: 2, column: 5,
            says: "'dns.google' is not an IP address"),
        BadFile(
            name: "resolvers is a string", yaml: "resolvers: 192.0.2.53\ntargets: []\n", line: 1, column: 12,
            says: "expected 'resolvers' to be a list"),
        BadFile(
            name: "bad egress CIDR", yaml: "egress:\n  expect: [10.0.0.0/33]\ntargets: []\n", line: 2,
            column: 12, says: "bad prefix length"),
        BadFile(
            name: "bad egress server", yaml: "egress:\n  servers: [stun:h:0]\ntargets: []\n", line: 2,
            column: 13, says: "out of range"),
        BadFile(
            name: "unknown egress key", yaml: "egress:\n  server: []\ntargets: []\n", line: 2, column: 3,
            says: "did you mean 'servers'?"),
        BadFile(
            name: "bad sinkhole", yaml: "sinkholes: [0.0.0.256]\ntargets: []\n", line: 1, column: 13,
            says: "'0.0.0.256' is not an IP address"),
        BadFile(
            name: "bad YAML indentation",
            yaml: "targets:\n  - name: a\n    probes: [icmp:h]\n   bad: x\n",
            line: 4, column: 4, says: "invalid YAML"),
        BadFile(
            name: "unclosed flow list", yaml: "targets:\n  - name: a\n    probes: [icmp:h\n", line: 4, column: 1,
            says: "invalid YAML"),
        BadFile(
            name: "tab indentation", yaml: "targets:\n\t- name: a\n", line: 2, column: 1,
            says: "(indent with spaces, not tabs)"),
        BadFile(
            name: "two documents", yaml: "targets: []\n---\ntargets: []\n", line: 2, column: 1,
            says: "a target file holds one YAML document"),
        BadFile(name: "undefined alias", yaml: "targets: *nope\n", line: 1, column: 10, says: "undefined alias"),
        BadFile(
            name: "mapping value in a scalar", yaml: "name: a: b\ntargets: []\n", line: 1, column: 8,
            says: "mapping values are not allowed"),
    ]

    @Test("rejects with file:line:column", arguments: badFiles)
    func rejects(_ bad: BadFile) {
        guard let error = targetsParseError(bad.yaml) else { return }
        #expect(error.location == SourceLocation(file: "t.yaml", line: bad.line, column: bad.column), "\(error)")
        #expect(error.description.hasPrefix("t.yaml:\(bad.line):\(bad.column): error: "), "\(error)")
        #expect(error.description.contains(bad.says), "\(error)")
    }

    @Test func emptyEnvironmentVariableIsAnError() {
        let yaml =
            "targets:\n  - name: a\n    probes:\n      - uri: turn:h\n        username: ${U}\n"
            + "        credential: ${P}\n"
        let error = targetsParseError(yaml, environment: ["U": "u", "P": ""])
        #expect(
            error?.description == "t.yaml:6:21: error: credential: environment variable P is empty "
                + "(set P to the secret)")
    }

    @Test func statusRangeForms() {
        #expect(TargetFileParser.statusRange("200") == 200...200)
        #expect(TargetFileParser.statusRange("200-399") == 200...399)
        #expect(TargetFileParser.statusRange("3XX") == 300...399)
        #expect(TargetFileParser.statusRange("99") == nil)
        #expect(TargetFileParser.statusRange("600") == nil)
        #expect(TargetFileParser.statusRange("6xx") == nil)
        #expect(TargetFileParser.statusRange("200-") == nil)
    }
}
