import Testing

@testable import NetReady

/// "N of M attempts failed", shared by the sampling probers.
@Suite(.timeLimit(.minutes(3))) struct PartialFailureTests {
    @Test func aPassWithFailedAttemptsBecomesAWarningCarryingTheFirstFailure() {
        var result = ProbeResult(uri: "tls://h:443", kind: "tls", status: .pass, message: "TLSv1.3")
        PartialFailure.downgrade(&result, failed: 2, of: 5) { flaky in
            flaky.reason = .tlsReset
            flaky.message = "reset during the TLS handshake"
        }
        #expect(result.status == .warn)
        #expect(result.reason == .tlsReset)
        #expect(result.message == "TLSv1.3; but 2 of 5 attempts failed: reset during the TLS handshake")
    }

    @Test func onlyAPassIsDowngradedAndOnlyWhenSomethingFailed() {
        var warned = ProbeResult(uri: "u", kind: "tls", status: .warn, message: "expires soon")
        PartialFailure.downgrade(&warned, failed: 1, of: 3) { $0.message = "not used" }
        #expect(warned.message == "expires soon")
        var passed = ProbeResult(uri: "u", kind: "tls", status: .pass, message: "ok")
        PartialFailure.downgrade(&passed, failed: 0, of: 3) { $0.message = "not used" }
        #expect(passed.status == .pass)
        #expect(passed.message == "ok")
        #expect(PartialFailure.words(1, of: 4, "did not upgrade") == "1 of 4 attempts did not upgrade")
    }
}
