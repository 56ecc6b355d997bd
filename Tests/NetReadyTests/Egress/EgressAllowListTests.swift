import Testing

@testable import NetReady

/// `--expect-egress` / `egress.expect`: parsing, and the verdict the report, exit code and summary see.
@Suite(.timeLimit(.minutes(3))) struct EgressAllowListTests {
    static func egress(_ ips: [String]) -> EgressInfo {
        EgressSummarizer.summarize(ips.map { EgressObservation(ip: $0, via: "http", transport: "tcp") })
    }

    @Test func anAddressOutsideTheRangesFailsNamingIt() throws {
        let list = try EgressAllowList(["198.18.0.11/32", "198.18.0.12/32"])
        let target = list.judge(Self.egress(["198.18.0.11", "198.18.0.12", "198.18.0.13"]))
        let probe = try #require(target.probes.first)
        #expect(target.name == "Egress allow-list" && target.required)
        #expect(probe.status == .fail && probe.reason == .egressUnexpected && probe.kind == "egress")
        #expect(probe.message == "egress 198.18.0.13 is outside the expected 198.18.0.11/32, 198.18.0.12/32")
        #expect(probe.details["outside"] == ["198.18.0.13"])
        let summary = Summary(targets: [target])
        #expect(summary.verdict == .notReady)
        #expect(summary.blockedRequired.map(\.uri) == ["egress:expect"])
    }

    @Test func everyAddressInsidePasses() throws {
        let list = try EgressAllowList(["198.18.0.8/29", "2001:db8::/32"])
        let probe = try #require(list.judge(Self.egress(["198.18.0.11", "198.18.0.13", "2001:db8::5"])).probes.first)
        #expect(probe.status == .pass && probe.reason == nil)
        #expect(Summary(targets: [list.judge(Self.egress(["198.18.0.11"]))]).verdict == .ready)
    }

    @Test func aFamilyWithoutRangesWarnsAndNothingLearnedSkips() throws {
        let list = try EgressAllowList(["198.18.0.11"])
        let warned = try #require(list.judge(Self.egress(["198.18.0.11", "fd77:1::2"])).probes.first)
        #expect(warned.status == .warn)
        #expect(warned.message.hasPrefix("egress fd77:1::2 not checked: no IPv6 range"))
        let skipped = try #require(list.judge(EgressInfo()).probes.first)
        #expect(skipped.status == .skip)
        #expect(Summary(targets: [list.judge(EgressInfo())]).verdict == .degraded)
    }

    @Test(arguments: ["198.18.0.0/33", "10.0.0.0/", "example.com", "2001:db8::/129", ""])
    func aBadRangeIsAnErrorNamingIt(text: String) {
        #expect(throws: EgressAllowListError.self) { try EgressAllowList(["198.18.0.11/32", text]) }
        do {
            _ = try EgressAllowList([text])
        } catch {
            #expect(error.value == text)
            #expect(error.description.contains("'\(text)'"))
        }
    }
}
