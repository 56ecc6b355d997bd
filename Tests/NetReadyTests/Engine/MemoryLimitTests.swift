import Foundation
import NetReadyTestSupport
import Testing

/// A run inside a memory cgroup limited to 128 MiB (issue 20): 10,000 loopback probes complete, every one
/// classified, and the kernel never had to kill netready for memory.
@Suite(.timeLimit(.minutes(10))) struct MemoryLimitTests {
    static let limit = 128 << 20

    @Test func tenThousandProbesFitIn128MiB() async throws {
        if let reason = MemoryCgroup.unavailableBecause {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "must run in CI: \(reason)")
            print("MemoryLimitTests skipped: \(reason)")
            return
        }
        let group = try MemoryCgroup(limitBytes: Self.limit)
        defer { group.remove() }
        let load = try ProbeLoad(probes: 10_000)
        defer { load.stop() }
        let output = try await NetReadyBinary.run(
            ["check", load.path, "--format", "json", "--no-trace-blocked"], prefix: group.execPrefix,
            timeoutSeconds: 540)
        let peak = group.peakBytes
        print("MemoryLimitTests: \(load.count) probes, peak \(peak / 1_048_576) MiB of \(Self.limit / 1_048_576) MiB")
        // Known issue (#15, the scheduler): every probe becomes a task when the run starts, each holding its state
        // until a slot frees, so memory grows with the plan (debug build, no limit: 335 MB for 5,000 probes, 610 MB
        // for 10,000, 420 MB of it in the first 4 s) and the kernel kills netready at 128 MiB.
        withKnownIssue("10,000 probes need ~600 MB: one task per probe up front (#15)", isIntermittent: true) {
            #expect(group.oomKills == 0, "peak \(peak) bytes")
            #expect([0, 1].contains(output.status), "peak \(peak) bytes; stderr: \(output.stderr.suffix(600))")
            let (probes, counts) = try ProbeLoad.statuses(output)
            #expect(probes.count == load.count, "\(counts)")
            #expect(counts["error", default: 0] == 0, "\(counts)")
            #expect(counts["skip", default: 0] == 0, "\(counts)")
        }
    }
}
