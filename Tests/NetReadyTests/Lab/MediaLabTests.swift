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

        @Test func delayLossAndMOSMatchWhatTheLabInjects() async throws {
            let responder = try await FarResponder()
            do {
                let clean = try await stream("rtp://198.18.0.2:5004?duration=3s")
                #expect(clean["status"] as? String == "pass", "\(clean["message"] ?? "")")
                let cleanMOS = try #require(try media(clean)["mos"] as? Double)

                // The delayed stream with ping beside it: both see the same delay and the same load.
                let (delayed, ping) = try await Lab.with(["delay", "20"], restoring: ["delay", "0"]) {
                    async let stream = stream("rtp://198.18.0.30:5004?duration=5s")
                    async let reference = PingReference.measure("198.18.0.30", count: 50, interval: 0.1)
                    return try await (stream, reference)
                }
                let p50 = try #require((delayed["latency_ms"] as? [String: Any])?["p50"] as? Double)
                let tolerance = ping.tolerance(floor: 0.5)
                #expect(p50 >= 19.8, "RTT p50 \(p50) ms with 20 ms injected")
                #expect(
                    abs(p50 - ping.median) <= tolerance,
                    "RTT p50 \(p50) ms, ping median \(ping.median) ms, tolerance \(tolerance) ms")

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
