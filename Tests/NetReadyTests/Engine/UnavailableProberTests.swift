import Foundation
import Testing

@testable import NetReady

/// A kind with no prober in the registry is skipped with a message, never passed.
@Suite(.timeLimit(.minutes(3))) struct UnavailableProberTests {
    @Test func probersMissingFromTheRegistryAreSkippedNeverPassed() async throws {
        let files = try TargetLoader.load(arguments: ["stun:127.0.0.1:3478"], profiles: [:], environment: [:])
        let options = RunOptions()
        let plan = Plan(files: files, options: options)
        let outcome = await Runner(
            registry: ProberRegistry(probers: [:]), resolver: SystemHostResolver(), options: options
        )
        .run(plan)
        let result = try #require(outcome.results.first)
        #expect(result.status == .skip)
        #expect(result.message.contains("not available in this build"))
        let summary = Summary(targets: [TargetResult(name: "t", required: true, tags: [], probes: [result])])
        #expect(summary.verdict == .degraded)
    }
}
