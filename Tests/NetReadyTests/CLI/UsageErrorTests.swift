import Foundation
import NetReadyTestSupport
import Testing

/// Mistakes in the command line are usage errors (exit 2) found before probing, not runs in which
/// every probe fails and the network gets the blame.
@Suite(.timeLimit(.minutes(2))) struct UsageErrorTests {
    @Test func aSourceAddressOrInterfaceThisHostDoesNotHaveIsExitTwo() async throws {
        // 192.0.2.1 (TEST-NET-1) is never configured here; nothing is sent: the check is a local bind.
        for (flags, says) in [
            (["--source", "192.0.2.1"], "--source 192.0.2.1 is not an address of this host"),
            (["--interface", "nosuch0"], "--interface nosuch0: no such interface here"),
        ] {
            for command in [["check", "tcp://127.0.0.1:1"], ["trace", "tcp://127.0.0.1:1"]] {
                let output = try await NetReadyBinary.run(command + flags)
                #expect(output.status == 2, "\(command + flags): \(output.stderr)")
                #expect(output.stderr.contains(says), "\(output.stderr)")
                #expect(!output.stdout.contains("NOT READY"))
            }
        }
        let fine = try await NetReadyBinary.run(
            ["check", "tcp://127.0.0.1:1", "--source", "127.0.0.1", "--interface", "lo", "--samples", "1",
             "--no-trace-blocked", "--format", "json"])
        #expect(fine.status == 1, "a refused port is not ready, but the flags are accepted: \(fine.stderr)")
    }
}
