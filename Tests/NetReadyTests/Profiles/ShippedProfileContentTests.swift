import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

/// Every shipped profile loads without any environment variable, every probe is a valid URI, every `thresholds:`
/// block names its source, and every `${NAME}` a profile uses is explained in the profile's own comments.
@Suite(.timeLimit(.minutes(2))) struct ShippedProfileContentTests {
    static let expected = [
        "amazon-connect", "playbooks", "ringcentral", "salesforce", "teams", "twilio-voice", "webrtc", "zoom",
    ]

    static func profiles() throws -> [String: String] { try ShippedProfiles.locate(environment: [:]).all }

    @Test func theExpectedProfilesAreShipped() throws {
        #expect(try Self.profiles().keys.sorted() == Self.expected)
    }

    @Test(arguments: expected)
    func profileLoadsWithoutEnvironmentAndStatesItsSources(name: String) throws {
        let text = try #require(try Self.profiles()[name])
        let files = try TargetLoader.load(arguments: [name], profiles: Self.profiles(), environment: [:])
        let file = try #require(files.first)
        #expect(file.name == name)
        #expect(file.description?.isEmpty == false)
        #expect(!file.targets.isEmpty)
        var blocks = file.thresholds.map { [$0] } ?? []
        for target in file.targets {
            #expect(!target.probes.isEmpty)
            if let block = target.thresholds { blocks.append(block) }
            for probe in target.probes {
                // Valid as written (a stand-in where a variable is unset), and named by the URI as written.
                #expect(probe.uri.raw.contains("${") == !probe.unsetVariables.isEmpty, "\(probe.uri.raw)")
                if probe.unsetVariables.isEmpty { #expect(try ProbeURI(parsing: probe.uri.raw) == probe.uri) }
                for variable in probe.unsetVariables {
                    #expect(
                        text.contains("#   \(variable.name) "), "\(name) uses ${\(variable.name)} without explaining it"
                    )
                }
                #expect(probe.credential == nil, "a shipped profile must load without secrets")
            }
        }
        for block in blocks {
            let source = try #require(block.source, "\(name): a thresholds block without source")
            #expect(source.count > 10)
        }
    }

    /// With its variables set, a profile's customer-specific probes name the customer's hosts.
    @Test func variablesSetGiveTheCustomersHosts() throws {
        let environment = ["AWS_REGION": "eu-west-2", "CONNECT_INSTANCE": "example-co", "SALESFORCE_MY_DOMAIN": "acme"]
        let files = try TargetLoader.load(
            arguments: ["amazon-connect", "salesforce"], profiles: Self.profiles(), environment: environment)
        let hosts = Set(files.flatMap(\.targets).flatMap(\.probes).map(\.uri.host))
        #expect(hosts.contains("participant.connect.eu-west-2.amazonaws.com"))
        #expect(hosts.contains("example-co.awsapps.com"))
        #expect(hosts.contains("acme.my.salesforce.com"))
        #expect(hosts.contains("acme.lightning.force.com"))
        #expect(files.flatMap(\.targets).flatMap(\.probes).allSatisfy { $0.unsetVariables.isEmpty })
    }
}
