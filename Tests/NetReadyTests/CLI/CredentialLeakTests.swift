import Foundation
import NetReadyPosix
import NetReadyTestSupport
import NetReadyWire
import Testing

/// Known secrets planted where users keep credentials — the environment's proxy variables, `--proxy`,
/// TURN `username`/`credential` (from `${ENV}` and literal) and the userinfo of probe URIs — must appear in
/// no output of any command, format, `-o` file or `--verbose` log, with or without `--redact`.
@Suite struct CredentialLeakTests {
    static let environmentProxy = (user: "PLANTEDproxyUser5", password: "PLANTEDproxyPW1")
    static let optionProxy = (user: "PLANTEDoptUser4", password: "PLANTEDoptPW8")
    static let turnFromEnvironment = (user: "PLANTEDuser2", credential: "PLANTEDturnCred3")
    static let turnLiteral = (user: "PLANTEDturnUser6", credential: "PLANTEDturnCred7")
    static let uri = (user: "PLANTEDuriUser9", password: "PLANTEDuriPW10")
    static let secrets = [
        environmentProxy.user, environmentProxy.password, optionProxy.user, optionProxy.password,
        turnFromEnvironment.user, turnFromEnvironment.credential, turnLiteral.user, turnLiteral.credential,
        uri.user, uri.password,
    ]
    static let formats = ["json", "ndjson", "html", "junit", "prometheus", "table"]

    /// Loopback peers and the files and environment that carry the secrets.
    final class Fixture {
        let web: LoopbackListener
        let turn: LoopbackUDPResponder
        let closedProxyPort: UInt16
        let directory: URL
        let targets: URL
        let environment: [String: String]
        let proxyOption: String

        init() throws {
            web = try LoopbackListener()
            turn = try CredentialLeakTests.refusingTURNServer()
            closedProxyPort = try LoopbackListener.closedPort()
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-leak-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            targets = directory.appendingPathComponent("targets.yaml")
            let relay = "127.0.0.1:\(turn.address.port)"
            try """
            targets:
              - name: web
                probes:
                  - http://127.0.0.1:\(web.port)/
              - name: relay
                probes:
                  - uri: turn:\(relay)
                    username: ${NR_LEAK_TURN_USER}
                    credential: ${NR_LEAK_TURN_CREDENTIAL}
                  - uri: turn:\(relay)?transport=udp
                    username: \(CredentialLeakTests.turnLiteral.user)
                    credential: \(CredentialLeakTests.turnLiteral.credential)

            """.write(to: targets, atomically: true, encoding: .utf8)
            let proxy =
                "http://\(CredentialLeakTests.environmentProxy.user):\(CredentialLeakTests.environmentProxy.password)"
                + "@127.0.0.1:\(closedProxyPort)"
            var environment = ["NO_PROXY": "", "no_proxy": ""]
            for name in ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
                environment[name] = proxy
            }
            environment["NR_LEAK_TURN_USER"] = CredentialLeakTests.turnFromEnvironment.user
            environment["NR_LEAK_TURN_CREDENTIAL"] = CredentialLeakTests.turnFromEnvironment.credential
            environment["NR_LEAK_URI_USERINFO"] = "\(CredentialLeakTests.uri.user):\(CredentialLeakTests.uri.password)"
            self.environment = environment
            proxyOption =
                "http://\(CredentialLeakTests.optionProxy.user):\(CredentialLeakTests.optionProxy.password)"
                + "@127.0.0.1:\(closedProxyPort)"
        }

        func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

        deinit {
            turn.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// A TURN server that challenges (401 with REALM and NONCE) and then refuses every authenticated Allocate
    /// with 401: the probe ends in `turn.auth`, the message that once named the user.
    static func refusingTURNServer() throws -> LoopbackUDPResponder {
        try LoopbackUDPResponder.stun { request in
            guard let request, request.messageClass == .request else { return [] }
            return [
                LoopbackUDPResponder.answer(request, .errorResponse) { _ in
                    [.errorCode(STUNErrorCode(code: 401, reason: "Unauthorized")), .realm("leak"), .nonce("n1")]
                }
            ]
        }
    }

    /// Everything a command printed or wrote, for the secret search.
    struct Captured {
        var label: String
        var text: String
    }

    static func expectNoSecret(in outputs: [Captured]) {
        for output in outputs {
            for secret in secrets {
                #expect(!output.text.contains(secret), "\(output.label) shows \(secret): \(output.text.prefix(4000))")
            }
        }
    }

    @Test func checkInEveryFormatWithVerboseAndOutputFiles() async throws {
        let fixture = try Fixture()
        var outputs: [Captured] = []
        for format in Self.formats {
            let common = [fixture.targets.path, "--format", format, "--verbose", "--samples", "1", "--timeout", "2s"]
            // To stdout, the http probe through the environment's proxy.
            let printed = try await NetReadyBinary.run(["check"] + common, environment: fixture.environment)
            outputs.append(Captured(label: "check --format \(format) stdout", text: printed.stdout))
            outputs.append(Captured(label: "check --format \(format) stderr", text: printed.stderr))
            #expect(printed.stderr.contains("probe finished"), "\(format): \(printed.stderr)")
            // To a file, through --proxy, with and without --redact.
            for redact in [false, true] {
                let file = fixture.file("report-\(format)-\(redact).out")
                let written = try await NetReadyBinary.run(
                    ["check"] + common + ["--proxy", fixture.proxyOption, "-o", file.path]
                        + (redact ? ["--redact"] : []),
                    environment: fixture.environment)
                let label = "check --format \(format) -o\(redact ? " --redact" : "")"
                outputs.append(Captured(label: "\(label) stdout", text: written.stdout))
                outputs.append(Captured(label: "\(label) stderr", text: written.stderr))
                outputs.append(Captured(label: "\(label) file", text: try String(contentsOf: file, encoding: .utf8)))
            }
        }
        Self.expectNoSecret(in: outputs)

        // The search looked at real reports: the proxy is reported without its credentials, the http probe
        // went through it, and the TURN server refused the credentials.
        let json = try #require(outputs.first { $0.label == "check --format json stdout" }?.text)
        #expect(json.contains("\"https_proxy\" : \"http://***@127.0.0.1:\(fixture.closedProxyPort)\""), "\(json)")
        #expect(json.contains("port \(fixture.closedProxyPort)"), "the http probe did not use the proxy: \(json)")
        #expect(json.contains("turn.auth"), "\(json)")
        let withOption = try #require(outputs.first { $0.label == "check --format json -o file" }?.text)
        #expect(withOption.contains("\"proxy\" : \"http://***@127.0.0.1:\(fixture.closedProxyPort)\""))
    }

    @Test func credentialsInProbeURIsAreNamedNotEchoed() async throws {
        let fixture = try Fixture()
        let userInfo = "\(Self.uri.user):\(Self.uri.password)"
        let file = fixture.file("bad-uri.yaml")
        try """
        targets:
          - name: web
            probes:
              - http://\(userInfo)@127.0.0.1:\(fixture.web.port)/

        """.write(to: file, atomically: true, encoding: .utf8)
        let fromEnvironment = fixture.file("bad-uri-env.yaml")
        try """
        targets:
          - name: web
            probes:
              - http://${NR_LEAK_URI_USERINFO}@127.0.0.1:\(fixture.web.port)/

        """.write(to: fromEnvironment, atomically: true, encoding: .utf8)
        var outputs: [Captured] = []
        let invocations: [[String]] = [
            ["check", "http://\(userInfo)@127.0.0.1:\(fixture.web.port)/", "--verbose"],
            ["check", "turn:\(Self.uri.user)@127.0.0.1:\(fixture.turn.address.port)", "--format", "json"],
            ["check", "htp://\(userInfo)@127.0.0.1/"],
            ["check", file.path, "--format", "json", "--verbose"],
            ["check", fromEnvironment.path, "--format", "json", "--verbose"],
            ["targets", "show", file.path],
            ["egress", "--server", "http://\(userInfo)@127.0.0.1:\(fixture.web.port)/ip"],
            ["check", "tcp://127.0.0.1:\(fixture.web.port)", "--egress-server", "stun:\(userInfo)@127.0.0.1"],
            ["trace", "tcp://\(userInfo)@127.0.0.1:\(fixture.web.port)"],
            ["check", "http://127.0.0.1:\(fixture.web.port)/", "--proxy", "\(userInfo)@no-scheme"],
            // libcurl's own error text quotes a proxy URL it cannot parse.
            [
                "check", "http://127.0.0.1:\(fixture.web.port)/", "--proxy", "http://\(userInfo)@[zz", "--format",
                "json", "--samples", "1",
            ],
        ]
        for arguments in invocations {
            let output = try await NetReadyBinary.run(arguments, environment: fixture.environment)
            let label = arguments.joined(separator: " ")
            outputs.append(Captured(label: "\(label) stdout", text: output.stdout))
            outputs.append(Captured(label: "\(label) stderr", text: output.stderr))
            #expect(!(output.stdout + output.stderr).isEmpty, "\(label) printed nothing")
        }
        Self.expectNoSecret(in: outputs)
        #expect(outputs[1].text.contains("carries credentials"), "\(outputs[1].text)")
    }

    @Test func targetsShowEgressAndServe() async throws {
        let fixture = try Fixture()
        var outputs: [Captured] = []
        let show = try await NetReadyBinary.run(
            ["targets", "show", fixture.targets.path], environment: fixture.environment)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("[with credential]"), "\(show.stdout)")
        outputs.append(Captured(label: "targets show", text: show.stdout + show.stderr))

        let echo = try await LoopbackEchoServer()
        for format in ["json", "table"] {
            for proxy in [[], ["--proxy", fixture.proxyOption]] {
                let egress = try await NetReadyBinary.run(
                    ["egress", "--server", "\(echo.base)/ip", "--format", format, "--verbose", "--timeout", "2s"]
                        + proxy,
                    environment: fixture.environment)
                outputs.append(Captured(label: "egress \(format) \(proxy)", text: egress.stdout + egress.stderr))
            }
        }

        let agent = try await ServeAgent(
            [fixture.targets.path, "--interval", "1s", "--samples", "1", "--timeout", "2s", "--verbose"],
            environment: fixture.environment)
        var metrics = ""
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            metrics = try await agent.scrape()
            if (ServeAgent.value("netready_agent_runs_total", in: metrics) ?? 0) >= 1 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(metrics.contains("netready_probe_success"), "\(metrics)")
        #expect(try await agent.terminate() == 0)
        outputs.append(Captured(label: "serve /metrics", text: metrics))
        outputs.append(Captured(label: "serve output", text: agent.output))
        Self.expectNoSecret(in: outputs)
    }
}
