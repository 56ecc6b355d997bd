import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `rtp://` streams against `netready responder` in the far namespace, with the lab's
    /// injected delay and loss as ground truth.
    @Suite(.timeLimit(.minutes(5))) struct MediaLabTests {
        /// Starts the responder in nr-far on the delay and loss addresses; stopped by `stop()`.
        final class FarResponder {
            let process: ChildProcess

            init() async throws {
                try await Lab.ensureUp()
                process = ChildProcess(
                    "/usr/sbin/ip",
                    [
                        "netns", "exec", "nr-far", NetReadyBinary.path, "responder", "--listen", "198.18.0.30:5004",
                        "--listen", "198.18.0.31:5004", "--listen", "198.18.0.2:5004", "--allow", "198.18.0.0/24",
                    ])
                process.standardError = FileHandle.nullDevice
                try process.run()
                try await Lab.waitUntilBound(["198.18.0.30:5004", "198.18.0.31:5004", "198.18.0.2:5004"], in: "nr-far")
            }

            func stop() async throws {
                process.terminate()
                let process = process
                try await onOwnThread { process.waitUntilExit() }
            }
        }

        func stream(_ uri: String) async throws -> [String: Any] {
            let output = try await Lab.netready(
                ["check", uri, "--format", "json", "--timeout", "1s"], timeoutSeconds: 120)
            return try #require(try ReportProbes(output)[uri], "stderr: \(output.stderr)")
        }

        func media(_ probe: [String: Any]) throws -> [String: Any] {
            try #require((probe["details"] as? [String: Any])?["media"] as? [String: Any])
        }

        /// Packets the router's loss rules dropped so far, both directions.
        func routerDrops() async throws -> Int {
            let output = try await Lab.exec(["iptables", "-L", "NR-LOSS", "-v", "-x", "-n"], in: "nr-router")
            return output.stdout.split(separator: "\n").filter { $0.contains("DROP") }
                .compactMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).first ?? "") }.reduce(0, +)
        }

        /// A stream's median round trip and σ from p90 - p50 (1.2816 σ for a normal spread; a loaded machine's
        /// long tail only widens it), and the number of samples.
        static func spread(_ probe: [String: Any]) throws -> (p50: Double, sigma: Double, samples: Double) {
            let latency = try #require(probe["latency_ms"] as? [String: Any])
            let p50 = try #require(latency["p50"] as? Double)
            let p90 = try #require(latency["p90"] as? Double)
            return (p50, (p90 - p50) / 1.2816, Double(try #require(latency["samples"] as? Int)))
        }

        @Test func delayLossAndMOSMatchWhatTheLabInjects() async throws {
            let responder = try await FarResponder()
            do {
                let clean = try await stream("rtp://198.18.0.2:5004?duration=3s")
                #expect(clean["status"] as? String == "pass", "\(clean["message"] ?? "")")
                let cleanMOS = try #require(try media(clean)["mos"] as? Double)

                // The delayed stream with a clean one beside it, to the same responder at the same time: both
                // see the same load, including the responder's own wake-ups (which ping, echoed by the kernel,
                // does not: 10 ms apart under two looping release builds).
                let (delayed, reference) = try await Lab.with(["delay", "20"], restoring: ["delay", "0"]) {
                    async let delayedStream = stream("rtp://198.18.0.30:5004?duration=5s")
                    async let cleanStream = stream("rtp://198.18.0.2:5004?duration=5s")
                    return try await (delayedStream, cleanStream)
                }
                let (p50, delayedSigma, delayedSamples) = try Self.spread(delayed)
                let (referenceP50, referenceSigma, referenceSamples) = try Self.spread(reference)
                // 1 ms for two user-space echoes scheduled apart, plus 4 standard errors of the difference of
                // the two medians (1.2533 σ/√n each).
                let standardError = 1.2533 * (
                    delayedSigma * delayedSigma / delayedSamples + referenceSigma * referenceSigma / referenceSamples
                ).squareRoot()
                let tolerance = 1.0 + 4 * standardError
                #expect(p50 >= 19.8, "RTT p50 \(p50) ms with 20 ms injected")
                #expect(
                    abs(p50 - referenceP50 - 20) <= tolerance,
                    "RTT p50 \(p50) ms, \(referenceP50) ms beside it without delay, tolerance \(tolerance) ms")

                // Every 50th packet towards the loss address dropped, the first included: a 10 s G.711
                // stream (500 packets) loses exactly ceil(500 / 50) = 10 of them, 2 %, every run.
                let (lossy, drops) = try await Lab.with(["loss-nth", "50"], restoring: ["loss-nth", "0"]) {
                    let dropsBefore = try await routerDrops()
                    let lossy = try await stream("rtp://198.18.0.31:5004?duration=10s")
                    return (lossy, try await routerDrops() - dropsBefore)
                }
                let figures = try media(lossy)
                let sent = try #require(figures["sent"] as? Int)
                let lost = try #require(figures["lost"] as? Int)
                // Exactly the packets the router dropped, and exactly one in 50 of those sent.
                #expect(lost == drops, "netready lost \(lost), router dropped \(drops)")
                #expect(lost == (sent + 49) / 50, "lost \(lost) of \(sent) with every 50th dropped")
                let lossyMOS = try #require(figures["mos"] as? Double)
                #expect(lossyMOS < cleanMOS, "MOS \(lossyMOS) with loss, \(cleanMOS) without")
            } catch {
                try await responder.stop()
                throw error
            }
            try await responder.stop()
        }

        @Test func responderAnswersSTUNWithTheEgressAddress() async throws {
            let responder = try await FarResponder()
            let output = try await Lab.exec(["turnutils_stunclient", "-p", "5004", "198.18.0.2"], timeoutSeconds: 30)
            try await responder.stop()
            // The mapped address is one of the router's egress pool addresses.
            let line = try #require(
                output.stdout.split(separator: "\n").first { $0.contains("reflexive addr") }, "\(output.stdout)")
            #expect(
                ["198.18.0.11", "198.18.0.12", "198.18.0.13"].contains { line.contains("addr: \($0):") }, "\(line)")
        }

        @Test func responderIgnoresClientsOutsideItsAllowList() async throws {
            try await Lab.ensureUp()
            let process = ChildProcess(
                "/usr/sbin/ip",
                [
                    "netns", "exec", "nr-far", NetReadyBinary.path, "responder", "--listen", "198.18.0.2:5006",
                    "--allow", "192.0.2.0/24",
                ])
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Lab.waitUntilBound(["198.18.0.2:5006"], in: "nr-far")
            let output = try await Lab.netready([
                "check", "udp://198.18.0.2:5006", "--format", "json", "--samples", "1", "--timeout", "500ms",
            ])
            process.terminate()
            try await onOwnThread { process.waitUntilExit() }
            // Not answered, and no ICMP either (a socket is bound): the client sees silence.
            #expect(try ReportProbes(output)["udp://198.18.0.2:5006"]?["reason"] as? String == "udp.filtered")
        }

        @Test func noResponderIsNamed() async throws {
            let probe = try await stream("rtp://198.18.0.2:5099?duration=1s")
            #expect(probe["reason"] as? String == "media.loss")
            #expect(
                (probe["message"] as? String)?.contains("no responder listens") == true, "\(probe["message"] ?? "")")
        }
    }
}
