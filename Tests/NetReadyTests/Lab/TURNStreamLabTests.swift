import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `turn:…?duration=` quality streams with credentials through the lab's coturn relays, with the delayer as
    /// ground truth: the coturn on the delay address (198.18.0.30, listening and relaying there) beside the main one
    /// (198.18.0.2) at the same time, and ping to both beside them, so all see the same load.
    @Suite(.timeLimit(.minutes(5))) struct TURNStreamLabTests {
        /// `lab delay 10`: each crossing of the router to or from 198.18.0.30 is held 5 ms. A relayed round trip
        /// crosses it four times (client to server, relay to peer, peer to relay, server to client), so it rises
        /// by twice the configured delay, where a ping (two crossings) rises by the delay itself.
        static let injectedMilliseconds = 20.0

        /// The standard error of a median of `ping`'s round trips (from its 4-standard-error tolerance).
        static func standardError(_ ping: PingReference) -> Double {
            ping.tolerance(floor: 0) / (4 * 2.0.squareRoot())
        }

        static func stream(_ uri: String) async throws -> [String: Any] {
            let (output, probes) = try await TURNLabTests.check(
                [(uri, "NR_TURN_SECRET")], environment: ["NR_TURN_SECRET": TURNLabTests.secret])
            #expect(!output.stdout.contains(TURNLabTests.secret) && !output.stderr.contains(TURNLabTests.secret))
            return try #require(probes[uri], "stderr: \(output.stderr)")
        }

        static func media(_ probe: [String: Any]) throws -> [String: Any] {
            try #require(TURNLabTests.details(probe)["media"] as? [String: Any], "\(probe["message"] ?? "")")
        }

        @Test(arguments: ["udp", "tcp"])
        func relayedStreamCarriesTheDelayOfThePath(_ transport: String) async throws {
            let delayedURI = "turn:198.18.0.30?transport=\(transport)&duration=5s"
            let cleanURI = "turn:198.18.0.2?transport=\(transport)&duration=5s"
            let (delayed, clean, delayedPing, basePing) = try await Lab.with(
                ["delay", "10"], restoring: ["delay", "0"]
            ) {
                async let delayedStream = Self.stream(delayedURI)
                async let cleanStream = Self.stream(cleanURI)
                async let delayedPing = PingReference.measure("198.18.0.30", count: 40, interval: 0.1)
                async let basePing = PingReference.measure("198.18.0.2", count: 40, interval: 0.1)
                return try await (delayedStream, cleanStream, delayedPing, basePing)
            }
            for probe in [delayed, clean] {
                let message = probe["message"] as? String ?? ""
                #expect(probe["status"] as? String == "pass", "\(message)")
                #expect(message.hasPrefix("relayed stream via "), "\(message)")
                #expect(message.contains(" over \(transport): MOS "), "\(message)")
                #expect(message.contains("allocation released"), "\(message)")
                let figures = try Self.media(probe)
                // 5 s less a drain of a tenth of it (500 ms), one packet per 20 ms.
                #expect(figures["sent"] as? Int == 225, "\(figures)")
                #expect(figures["lost"] as? Int == 0, "\(figures)")
                #expect(figures["loss_percent"] as? Double == 0)
                #expect(figures["codec"] as? String == "g711")
                // 172 bytes of RTP packet plus IPv4 and UDP headers, 50 times a second.
                #expect(figures["bitrate_kbps"] as? Double == 80)
                #expect((figures["mos"] as? Double ?? 0) >= 4.2, "\(figures)")
                #expect(TURNLabTests.details(probe)["transport"] as? String == transport)
            }
            let (p50, sigma, samples) = try MediaLabTests.spread(delayed)
            let (baseP50, baseSigma, baseSamples) = try MediaLabTests.spread(clean)
            #expect(samples == 225 && baseSamples == 225)
            // The stream beside it is the base round trip of this run; the pings beside them measure what the delayer
            // adds per two crossings (its setting plus its queue hand-offs), and a relayed round trip crosses it twice
            // as often.
            let expected = 2 * (delayedPing.median - basePing.median)
            #expect(expected >= Self.injectedMilliseconds - 0.2, "ping: \(expected / 2) ms added per round trip")
            let figures =
                "RTT p50 \(p50) ms, base \(baseP50) ms beside it; ping \(delayedPing.median) ms delayed, "
                + "\(basePing.median) ms base, so \(expected) ms expected"
            // The fastest round trips are the ones load touched least: the path itself, within 0.5 ms.
            let fastest = try Self.minimum(delayed) - Self.minimum(clean)
            #expect(abs(fastest - expected) <= 0.5, "fastest round trip \(fastest) ms added; \(figures)")
            // The medians: 4 standard errors of the comparison (two stream medians, twice two ping medians), at
            // least 0.5 ms. Load never makes a packet early, so that bounds them below; above, the delayer's own
            // lateness under load (four crossings by 200 packets/s, where the pings cross it twice at 10/s) also
            // widens the delayed stream's spread, and the median moves by no more than that widening.
            let streamVariance = 1.2533 * 1.2533 * (sigma * sigma / samples + baseSigma * baseSigma / baseSamples)
            let pingVariance = 4 * (pow(Self.standardError(delayedPing), 2) + pow(Self.standardError(basePing), 2))
            let tolerance = max(0.5, 4 * (streamVariance + pingVariance).squareRoot())
            let widening = max(0, 1.2816 * (sigma - baseSigma))
            let added = p50 - baseP50
            #expect(added >= expected - tolerance, "\(figures); tolerance \(tolerance) ms")
            #expect(
                added <= expected + tolerance + widening,
                "\(figures); tolerance \(tolerance) ms, widening \(widening) ms")
            // Load never makes a packet early: the injected delay is a floor of the delayed stream's round trip.
            #expect(p50 >= Self.injectedMilliseconds - 0.2, "RTT p50 \(p50) ms")
        }

        /// The fastest round trip of a stream, in ms.
        static func minimum(_ probe: [String: Any]) throws -> Double {
            try #require((probe["latency_ms"] as? [String: Any])?["min"] as? Double)
        }

        @Test func opusAtARequirementsBitrateIsCarried() async throws {
            let uri = "turn:198.18.0.2?duration=2s&codec=opus&bitrate=100kbps"
            let probe = try await Self.stream(uri)
            #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
            let figures = try Self.media(probe)
            #expect(figures["codec"] as? String == "opus")
            #expect(figures["lost"] as? Int == 0, "\(figures)")
            #expect(figures["bitrate_kbps"] as? Double == 100, "\(figures)")
        }
    }
}
