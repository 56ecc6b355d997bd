import Foundation
import Testing

@testable import NetReady

/// `${NAME}` in probe URIs (SPEC: "a URI whose variable is unset makes that probe skip, naming the variable"):
/// set variables are expanded, unset or empty ones make the probe a skip shown as written, and the rest of the URI
/// is still checked when the file is loaded.
@Suite(.timeLimit(.minutes(1))) struct URIEnvironmentReferenceTests {
    static func file(_ probes: String) -> String {
        "name: t\ntargets:\n  - name: connect\n    probes:\n" + probes
    }

    @Test func aSetVariableIsExpandedIntoTheURI() throws {
        let file = try parseTargetsYAML(
            Self.file("      - tcp://participant.connect.${AWS_REGION}.amazonaws.com:443\n"),
            environment: ["AWS_REGION": "eu-west-2"])
        let probe = try #require(file.targets.first?.probes.first)
        #expect(probe.unsetVariables.isEmpty)
        #expect(probe.uri.raw == "tcp://participant.connect.eu-west-2.amazonaws.com:443")
        #expect(probe.uri.host == "participant.connect.eu-west-2.amazonaws.com")
        #expect(probe.uri.port == 443)
    }

    @Test func anUnsetVariableMakesTheProbeASkipShownAsWritten() throws {
        let file = try parseTargetsYAML(
            Self.file(
                """
                      - tcp://participant.connect.${AWS_REGION}.amazonaws.com:443
                      - uri: https://${MY_DOMAIN}.my.salesforce.com/path?x=${MY_DOMAIN}
                        timeout: 2s
                      - dns:${AWS_REGION}.${EMPTY_ONE}.example.com

                """),
            environment: ["EMPTY_ONE": ""])
        let probes = try #require(file.targets.first?.probes)
        #expect(probes.count == 3)
        #expect(probes[0].unsetVariables == [UnsetVariable(name: "AWS_REGION", isEmpty: false)])
        #expect(probes[0].uri.raw == "tcp://participant.connect.${AWS_REGION}.amazonaws.com:443")
        #expect(probes[0].uri.host == "participant.connect.${AWS_REGION}.amazonaws.com")
        #expect(probes[0].uri.description == "tcp://participant.connect.${AWS_REGION}.amazonaws.com:443")
        #expect(probes[1].uri.description == "https://${MY_DOMAIN}.my.salesforce.com/path?x=${MY_DOMAIN}")
        #expect(probes[1].unsetVariables.map(\.name) == ["MY_DOMAIN"])
        #expect(probes[1].timeout == .seconds(2))
        #expect(
            probes[2].unsetVariables == [
                UnsetVariable(name: "AWS_REGION", isEmpty: false), UnsetVariable(name: "EMPTY_ONE", isEmpty: true),
            ])
        #expect(
            UnsetVariable.skipMessage(probes[2].unsetVariables)
                == "skipped: AWS_REGION is not set, EMPTY_ONE is empty; export AWS_REGION=... EMPTY_ONE=... to probe this"
        )
    }

    @Test func theRestOfTheURIIsStillCheckedWithTheVariableUnset() throws {
        let error = try #require(
            targetsParseError(Self.file("      - tcp://participant.connect.${AWS_REGION}.amazonaws.com\n")))
        #expect(error.description.contains("t.yaml:5:9:"), "\(error.description)")
        #expect(error.description.contains("has no port"), "\(error.description)")
        #expect(error.description.contains("checked with AWS_REGION unset"), "\(error.description)")
        #expect(!error.description.contains("unset-aws-region"), "\(error.description)")
    }

    @Test func aMalformedReferenceIsAnError() throws {
        let unclosed = try #require(targetsParseError(Self.file("      - tcp://${AWS_REGION.example.com:443\n")))
        #expect(unclosed.description.contains("t.yaml:5:9:") && unclosed.description.contains("not closed"))
        let badName = try #require(targetsParseError(Self.file("      - tcp://${AWS-REGION}.example.com:443\n")))
        #expect(badName.description.contains("not an environment variable reference"), "\(badName.description)")
    }

    /// A value can be private (SPEC: no credential in any output): an error quotes `${NAME}`, not the value.
    @Test func anErrorAfterExpansionQuotesTheReferenceNotTheValue() throws {
        let error = try #require(
            targetsParseError(
                Self.file("      - tcp://${NR_HOST}:443/${NR_HOST}\n"), environment: ["NR_HOST": "secret host"]))
        #expect(!error.description.contains("secret host"), "\(error.description)")
        #expect(error.description.contains("${NR_HOST}"), "\(error.description)")
    }

    @Test func dollarDollarBraceIsALiteralAndOtherDollarsStay() throws {
        let file = try parseTargetsYAML(Self.file("      - https://example.com/a$b?q=$${X}\n"))
        let probe = try #require(file.targets.first?.probes.first)
        #expect(probe.unsetVariables.isEmpty)
        #expect(probe.uri.raw == "https://example.com/a$b?q=${X}")
    }

    /// Secrets keep their rule: an unset `credential:` variable fails the file, unless stand-ins are allowed
    /// (`targets show`, `targets validate --allow-missing-env`), which never touch URIs.
    @Test func secretsStillFailWhenUnsetAndStandInsLeaveURIsAlone() throws {
        let yaml = Self.file(
            """
                  - uri: turn:${TURN_HOST}:3478
                    username: probe
                    credential: ${TURN_CREDENTIAL}

            """)
        let error = try #require(targetsParseError(yaml))
        #expect(error.description.contains("credential: environment variable TURN_CREDENTIAL is not set"))
        let shown = try TargetLoader.parse(yaml: yaml, path: "t.yaml", environment: [:], allowingMissingSecrets: true)
        let probe = try #require(shown.targets.first?.probes.first)
        #expect(probe.credential == "unset-turn-credential")
        #expect(probe.uri.description == "turn:${TURN_HOST}")
        #expect(probe.unsetVariables.map(\.name) == ["TURN_HOST"])
    }
}
