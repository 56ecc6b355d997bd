import Foundation
import NetReadyHTTP
import Testing

/// A transfer whose task is cancelled ends at once, not at its timeout: a run told to stop
/// (SIGTERM to `check` or `serve`) must not wait for a server that never answers.
@Suite(.timeLimit(.minutes(3))) struct HTTPClientCancellationTests {
    @Test func aCancelledTransferToAServerThatNeverAnswersEndsBeforeItsTimeout() async throws {
        let silent = try LoopbackListener()  // accepts (the backlog does) and never answers
        var options = HTTPRequestOptions()
        options.timeout = .seconds(30)
        let started = ContinuousClock.now
        let transfer = Task { await HTTPClient.shared.get("http://127.0.0.1:\(silent.port)/", options: options) }
        // Let the request reach the loop thread (or not: cancellation before adoption must end it too).
        try await Task.sleep(for: .milliseconds(300))
        transfer.cancel()
        let exchange = await transfer.value
        #expect(exchange.failure?.message.contains("cancelled") == true, "\(String(describing: exchange.failure))")
        #expect(ContinuousClock.now - started < .seconds(25), "the 30 s timeout was waited for")
        // The client still serves later transfers.
        let refused = try LoopbackListener.closedPort()
        var quick = HTTPRequestOptions()
        quick.timeout = .seconds(10)
        let after = await HTTPClient.shared.get("http://127.0.0.1:\(refused)/", options: quick)
        #expect(after.failure?.kind == .connect, "\(String(describing: after.failure))")
    }
}
