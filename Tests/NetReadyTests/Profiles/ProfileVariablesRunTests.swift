import Foundation
import NetReadyTestSupport
import Testing

/// The real binary on a copy of the shipped `amazon-connect` profile whose `${AWS_REGION}` host is pointed at a
/// loopback TCP listener: with the variable set the probe runs and passes; unset or empty, it is a `skip` naming
/// the variable, the run still reports (degraded, exit 0), and the JSON report stays valid against the schema.
/// `targets list`, `show` and `validate` work on the shipped profiles with no variable set.
@Suite(.timeLimit(.minutes(3))) struct ProfileVariablesRunTests {
    /// Names no test environment sets, so "unset" really is unset.
    static let region = "NR_PROFILE_REGION_\(UInt32.random(in: 0..<UInt32.max))"
    static let instance = "NR_PROFILE_INSTANCE_\(UInt32.random(in: 0..<UInt32.max))"

    /// The shipped profile with its participant-service host replaced by `${REGION}:PORT` (TCP probes only: the
    /// listener speaks no TLS and there is no DNS server to ask) and `${CONNECT_INSTANCE}` renamed.
    static func loopbackCopy(port: UInt16, in directory: URL) throws -> URL {
        let shipped = NetReadyBinary.packageRoot.appendingPathComponent("targets.d/amazon-connect.yaml")
        let text = try String(contentsOf: shipped, encoding: .utf8)
            .replacingOccurrences(
                of: "participant.connect.${AWS_REGION}.amazonaws.com:443", with: "${\(region)}:\(port)"
            )
            .replacingOccurrences(of: "${CONNECT_INSTANCE}", with: "${\(instance)}")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("tls://") && !$0.contains("- dns:") }
            .joined(separator: "\n")
        #expect(text.contains("tcp://${\(region)}:\(port)"), "the shipped profile changed shape")
        let copy = directory.appendingPathComponent("connect-loopback.yaml")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        return copy
    }

    static func probes(_ report: [String: Any]) -> [[String: Any]] {
        ((report["targets"] as? [[String: Any]]) ?? []).flatMap { ($0["probes"] as? [[String: Any]]) ?? [] }
    }

    @Test func setVariableProbesUnsetOrEmptyVariableSkipsNamingIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-vars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let listener = try LoopbackListener()
        let file = try Self.loopbackCopy(port: listener.port, in: directory)
        let arguments = ["check", file.path, "--format", "json", "--samples", "2", "--timeout", "2s"]

        // Set: the probe runs against the real listener and passes; the instance probe (unset) is a skip.
        let set = try await NetReadyBinary.run(arguments, environment: [Self.region: "127.0.0.1"])
        #expect(set.status == 0, "\(set.stderr)")
        let setReport = try set.json()
        let setProbes = Self.probes(setReport)
        let participant = try #require(setProbes.first { ($0["uri"] as? String) == "tcp://127.0.0.1:\(listener.port)" })
        #expect(participant["status"] as? String == "pass", "\(participant)")
        #expect(participant["address"] as? String == "127.0.0.1:\(listener.port)", "\(participant)")
        let instance = try #require(setProbes.first { ($0["uri"] as? String)?.contains(Self.instance) == true })
        #expect(instance["status"] as? String == "skip")
        #expect(
            instance["message"] as? String
                == "skipped: \(Self.instance) is not set; export \(Self.instance)=... to probe this")
        #expect(instance["uri"] as? String == "tcp://${\(Self.instance)}.awsapps.com:443")
        let summary = try #require(setReport["summary"] as? [String: Any])
        #expect(summary["verdict"] as? String == "degraded")
        #expect(summary["skipped"] as? Int == 1 && summary["passed"] as? Int == 1, "\(summary)")
        // The profile's bandwidth row is there, not measured (no far end), with its source.
        let rows = try #require(setReport["requirements"] as? [[String: Any]])
        #expect(
            rows.contains {
                ($0["status"] as? String) == "not_measured"
                    && ($0["source"] as? String)?.contains("ccp-networking") == true
            })

        // Unset and empty: nothing is sent, each probe is a skip naming the variable.
        let unset = try await NetReadyBinary.run(arguments)
        #expect(unset.status == 0, "\(unset.stderr)")
        let unsetProbes = Self.probes(try unset.json())
        #expect(unsetProbes.count == 2 && unsetProbes.allSatisfy { $0["status"] as? String == "skip" })
        let regionSkip = try #require(unsetProbes.first { ($0["uri"] as? String)?.contains(Self.region) == true })
        #expect(regionSkip["uri"] as? String == "tcp://${\(Self.region)}:\(listener.port)")
        #expect(
            (regionSkip["message"] as? String)?.contains("\(Self.region) is not set; export \(Self.region)=...") == true
        )
        #expect(regionSkip["address"] is NSNull, "\(regionSkip)")
        let empty = try await NetReadyBinary.run(arguments, environment: [Self.region: ""])
        let emptySkip = try #require(
            Self.probes(try empty.json()).first { ($0["uri"] as? String)?.contains(Self.region) == true })
        #expect(
            (emptySkip["message"] as? String)?.hasPrefix("skipped: \(Self.region) is empty") == true, "\(emptySkip)")

        // The table names the variable too.
        let table = try await NetReadyBinary.run(["check", file.path, "--format", "table", "--samples", "1"])
        #expect(table.stdout.contains("\(Self.region) is not set"), "\(table.stdout)")

        // Every report is valid against schema/netready.report.v1.schema.json.
        var paths: [String] = []
        for (index, output) in [set, unset, empty].enumerated() {
            let path = directory.appendingPathComponent("run\(index).json").path
            try output.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let validator = NetReadyBinary.packageRoot.appendingPathComponent("scripts/validate-report").path
        let reports = paths
        let (status, stdout, stderr) = try await onOwnThread {
            try ChildProcess(validator, reports).runCapturing(timeoutSeconds: 120)
        }
        #expect(status == 0, "\(stdout)\(stderr)")
    }

    @Test func targetsListShowAndValidateNeedNoVariables() async throws {
        let list = try await NetReadyBinary.run(["targets", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        for name in ShippedProfileContentTests.expected {
            #expect(list.stdout.contains("\n\(name) ") || list.stdout.hasPrefix("\(name) "), "\(name): \(list.stdout)")
        }
        let listed = try await NetReadyBinary.run(["targets", "list", "amazon-connect"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("amazon-connect\tAmazon Connect participant service\trequired\t3 probes"))

        let validate = try await NetReadyBinary.run(
            ["targets", "validate"] + ShippedProfileContentTests.expected)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.split(separator: "\n").count == ShippedProfileContentTests.expected.count)

        // Only meaningful where the test's own environment leaves the profiles' variables unset.
        let environment = ProcessInfo.processInfo.environment
        guard (environment["AWS_REGION"] ?? "").isEmpty, (environment["SALESFORCE_MY_DOMAIN"] ?? "").isEmpty else {
            return
        }
        let show = try await NetReadyBinary.run(["targets", "show", "amazon-connect", "salesforce"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(
            show.stdout.contains(
                "tcp://participant.connect.${AWS_REGION}.amazonaws.com:443  [skipped: AWS_REGION is not set]"),
            "\(show.stdout)")
        #expect(show.stdout.contains("https://${SALESFORCE_MY_DOMAIN}.my.salesforce.com/  [skipped:"), "\(show.stdout)")
    }
}
