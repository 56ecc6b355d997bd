import Foundation
import NetReadyTestSupport
import Testing

/// `netready serve` as a user runs it: one check per `--interval`, for as long as it runs, scraped
/// with curl; runs never overlap; SIGTERM ends it with status 0.
@Suite(.timeLimit(.minutes(3))) struct ServeCommandTests {
    /// A run is one TCP connect to a loopback listener, so a run takes milliseconds and the interval sets the pace.
    @Test func runsEveryIntervalUntilSIGTERM() async throws {
        let open = try LoopbackListener()
        let agent = try await ServeAgent([
            "tcp://127.0.0.1:\(open.port)", "--interval", "1s", "--samples", "1", "--timeout", "5s",
        ])
        // Scrape until the fourth run (6.5 s on an idle machine; a loaded one gets up to 60 s).
        var scrapes: [(runs: Double, finished: Double)] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let text = try await agent.scrape()
            if let runs = ServeAgent.value("netready_agent_runs_total", in: text),
                let finished = ServeAgent.value("netready_agent_last_run_timestamp_seconds", in: text)
            {
                scrapes.append((runs, finished))
                // At least four runs, and seen to move: on a loaded machine the first scrape may come late.
                if runs >= 4 && Set(scrapes.map(\.runs)).count >= 2 { break }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        let elapsed = ContinuousClock.now - agent.started
        let last = try #require(scrapes.last, "no scrape answered; agent output: \(agent.output)")
        #expect(last.runs >= 4, "after \(elapsed): \(scrapes); agent output: \(agent.output)")
        // The counter and the timestamp move between scrapes, and only forwards.
        #expect(Set(scrapes.map(\.runs)).count >= 2)
        #expect(Set(scrapes.map(\.finished).filter { $0 > 0 }).count >= 2)
        #expect(zip(scrapes, scrapes.dropFirst()).allSatisfy { $0.runs <= $1.runs && $0.finished <= $1.finished })
        // Runs start an interval apart: the fourth starts at least 3 s after the first.
        #expect(elapsed >= .seconds(3), "4 runs in \(elapsed) with --interval 1s")
        let firstFinished = try #require(scrapes.first { $0.runs >= 1 })
        #expect(last.finished - firstFinished.finished >= (last.runs - firstFinished.runs - 1) * 1.0)

        let status = try await agent.terminate()
        #expect(status == 0, "agent output: \(agent.output)")
        #expect(agent.output.contains("agent stopped"))
    }

    /// A run that lasts longer than the interval (an HTTP GET that a listener never answers, cut by
    /// `--timeout 2s`) is not overlapped by the next: at most one run per 2 s since the start.
    @Test func aRunLongerThanTheIntervalIsNotOverlapped() async throws {
        let silent = try LoopbackListener()
        let agent = try await ServeAgent([
            "http://127.0.0.1:\(silent.port)/", "--interval", "1s", "--samples", "1", "--timeout", "2s",
        ])
        var runs = 0.0
        let deadline = ContinuousClock.now + .seconds(60)
        while runs < 3, ContinuousClock.now < deadline {
            let text = try await agent.scrape()
            let elapsed = ContinuousClock.now - agent.started
            runs = ServeAgent.value("netready_agent_runs_total", in: text) ?? 0
            // Each run takes at least its 2 s timeout, and the next starts only when it ends.
            #expect(runs <= Double(elapsed.components.seconds) / 2 + 1, "\(runs) runs after \(elapsed)")
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(runs >= 3, "agent output: \(agent.output)")
        // Every run outlasted the 1 s interval, and each says so.
        let overruns = ServeAgent.value("netready_agent_overruns_total", in: try await agent.scrape()) ?? 0
        #expect(overruns >= runs - 1, "\(overruns) overruns in \(runs) runs")
        #expect(agent.output.contains("run took longer than the interval"))
        #expect(try await agent.terminate() == 0, "agent output: \(agent.output)")
    }
}
