import Testing

@testable import NetReady

@Suite(.timeLimit(.minutes(3))) struct ExpectationTests {
    let failed = ProbeResult(uri: "tcp://h:23", kind: "tcp", status: .fail, reason: .tcpRefused, message: "refused")
    let passed = ProbeResult(uri: "tcp://h:23", kind: "tcp", status: .pass, message: "open")

    @Test func reachableLeavesResultsAlone() {
        #expect(Expectation.apply(.reachable, to: failed).status == .fail)
        #expect(Expectation.apply(.reachable, to: passed).status == .pass)
    }

    @Test func blockedTurnsAFailureIntoAPassAndKeepsWhatWasSeen() {
        let result = Expectation.apply(.blocked, to: failed)
        #expect(result.status == .pass)
        #expect(result.reason == nil)
        #expect(result.details["observed_reason"] == "tcp.refused")
        #expect(result.expect == "blocked")
    }

    @Test func blockedTurnsAPassIntoExpectReachable() {
        let result = Expectation.apply(.blocked, to: passed)
        #expect(result.status == .fail)
        #expect(result.reason == .expectReachable)
    }

    @Test func blockedLeavesSkipAndErrorAlone() {
        var skipped = passed
        skipped.status = .skip
        #expect(Expectation.apply(.blocked, to: skipped).status == .skip)
    }
}
