import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `rtp://` streams against `netready responder` in the far namespace, with the lab's
    /// injected delay and loss as ground truth.
    @Suite struct MediaLabTests {
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
                try await Task.sleep(for: .milliseconds(500))
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

                try await Lab.control(["delay", "20"])
                let delayed = try await stream("rtp://198.18.0.30:5004?duration=5s")
                try await Lab.control(["delay", "0"])
                let p50 = try #require((delayed["latency_ms"] as? [String: Any])?["p50"] as? Double)
                // The injected 20 ms come on top of the path's own round trip (0.1-0.3 ms here).
                let baseline = try #require((clean["latency_ms"] as? [String: Any])?["p50"] as? Double)
                #expect(
                    abs(p50 - baseline - 20) <= 0.5, "RTT p50 \(p50) ms with 20 ms injected over \(baseline) ms")

                try await Lab.control(["loss", "2"])
                let dropsBefore = try await routerDrops()
                let lossy = try await stream("rtp://198.18.0.31:5004?duration=30s")
                let dropsAfter = try await routerDrops()
                try await Lab.control(["loss", "0"])
                let figures = try media(lossy)
                let lossPercent = try #require(figures["loss_percent"] as? Double)
                let lost = try #require(figures["lost"] as? Int)
                // Exactly the packets the router dropped (requests or their echoes), and near 2 %.
                #expect(
                    lost == dropsAfter - dropsBefore,
                    "netready lost \(lost), router dropped \(dropsAfter - dropsBefore)")
                #expect(abs(lossPercent - 2) <= 1, "loss \(lossPercent) % with 2 % injected")
                let lossyMOS = try #require(figures["mos"] as? Double)
                #expect(lossyMOS < cleanMOS, "MOS \(lossyMOS) with loss, \(cleanMOS) without")
            } catch {
                try? await Lab.control(["delay", "0"])
                try? await Lab.control(["loss", "0"])
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
            try await Task.sleep(for: .milliseconds(500))
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
