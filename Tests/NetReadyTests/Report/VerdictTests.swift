import Testing

@testable import NetReady

@Suite struct VerdictTests {
    func probe(_ status: ProbeStatus, _ reason: Reason? = nil) -> ProbeResult {
        ProbeResult(uri: "tcp://h:1", kind: "tcp", status: status, reason: reason, message: "m")
    }

    @Test func allPassIsReady() {
        let summary = Summary(targets: [
            TargetResult(name: "a", required: true, tags: [], probes: [probe(.pass), probe(.pass)])
        ])
        #expect(summary.verdict == .ready)
        #expect(summary.verdict.exitCode == 0)
        #expect(summary.passed == 2)
    }

    @Test func requiredFailureIsNotReady() {
        let summary = Summary(targets: [
            TargetResult(name: "a", required: true, tags: [], probes: [probe(.pass), probe(.fail, .tcpRefused)])
        ])
        #expect(summary.verdict == .notReady)
        #expect(summary.verdict.exitCode == 1)
        #expect(summary.blockedRequired.count == 1)
        #expect(summary.blockedRequired[0].reason == .tcpRefused)
    }

    @Test func requiredErrorIsNotReady() {
        let summary = Summary(targets: [TargetResult(name: "a", required: true, tags: [], probes: [probe(.error)])])
        #expect(summary.verdict == .notReady)
    }

    @Test func optionalFailureOnlyDegrades() {
        let summary = Summary(targets: [
            TargetResult(name: "a", required: true, tags: [], probes: [probe(.pass)]),
            TargetResult(name: "b", required: false, tags: [], probes: [probe(.fail, .udpFiltered)]),
        ])
        #expect(summary.verdict == .degraded)
        #expect(summary.verdict.exitCode == 0)
        #expect(summary.blockedRequired.isEmpty)
    }

    @Test func warningsAndSkipsDegrade() {
        #expect(
            Summary(targets: [TargetResult(name: "a", required: true, tags: [], probes: [probe(.warn)])]).verdict
                == .degraded)
        #expect(
            Summary(targets: [TargetResult(name: "a", required: true, tags: [], probes: [probe(.skip)])]).verdict
                == .degraded)
    }

    @Test func aRequiredProbeThatNeverRanInACutShortRunIsNotReady() {
        let targets = [
            TargetResult(name: "a", required: true, tags: [], probes: [probe(.pass), probe(.skip)]),
            TargetResult(name: "b", required: false, tags: [], probes: [probe(.skip)]),
        ]
        let summary = Summary(targets: targets, incomplete: true)
        #expect(summary.verdict == .notReady)
        #expect(summary.verdict.exitCode == 1)
        #expect(summary.blockedRequired.map(\.target) == ["a"])
        // The same skips in a run that finished are only a degradation (e.g. an unset ${ENV} variable).
        #expect(Summary(targets: targets, incomplete: false).verdict == .degraded)
    }

    @Test func anUnfinishedOptionalProbeOnlyDegradesACutShortRun() {
        let summary = Summary(
            targets: [
                TargetResult(name: "a", required: true, tags: [], probes: [probe(.pass)]),
                TargetResult(name: "b", required: false, tags: [], probes: [probe(.skip)]),
            ], incomplete: true)
        #expect(summary.verdict == .degraded)
        #expect(summary.verdict.exitCode == 0)
    }

    @Test func targetTakesItsWorstProbe() {
        #expect(
            TargetResult(name: "a", required: true, tags: [], probes: [probe(.pass), probe(.warn)]).status == .warn)
        #expect(
            TargetResult(name: "a", required: true, tags: [], probes: [probe(.fail), probe(.warn)]).status == .fail)
        #expect(
            TargetResult(name: "a", required: true, tags: [], probes: [probe(.pass), probe(.skip)]).status == .pass)
        #expect(TargetResult(name: "a", required: true, tags: [], probes: [probe(.skip)]).status == .skip)
    }
}
