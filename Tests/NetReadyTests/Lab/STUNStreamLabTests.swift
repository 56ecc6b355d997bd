import Foundation
import NetReadyTestSupport
import Testing

extension LabTests {
    /// `stun:…?duration=` quality streams through the lab's router, with its delayer and loss rules as ground
    /// truth: the STUN server is `netready responder` in nr-far, and a lab service that rate-limits.
    @Suite(.timeLimit(.minutes(5))) struct STUNStreamLabTests {
        let media = MediaLabTests()

        func stream(_ uri: String) async throws -> [String: Any] { try await media.stream(uri) }

        @Test func delayAndLossAreWhatTheLabInjects() async throws {
            let responder = try await MediaLabTests.FarResponder()
            do {
                // The delayed stream and a clean one beside it to the same responder at the same time, so both
                // see the same load: the clean one is the base round trip of this run.
                let (delayed, reference) = try await Lab.with(["delay", "20"], restoring: ["delay", "0"]) {
                    async let delayedStream = stream("stun:198.18.0.30:5004?duration=5s")
                    async let cleanStream = stream("stun:198.18.0.2:5004?duration=5s")
                    return try await (delayedStream, cleanStream)
                }
                #expect(delayed["status"] as? String == "pass", "\(delayed["message"] ?? "")")
                let (p50, delayedSigma, delayedSamples) = try MediaLabTests.spread(delayed)
                let (referenceP50, referenceSigma, referenceSamples) = try MediaLabTests.spread(reference)
                // 0.5 ms, or 4 standard errors of the difference of the two medians when a loaded machine
                // spreads the round trips wider than that.
                let standardError =
                    1.2533
                    * (delayedSigma * delayedSigma / delayedSamples + referenceSigma * referenceSigma
                        / referenceSamples).squareRoot()
                let tolerance = max(0.5, 4 * standardError)
                #expect(
                    abs(p50 - referenceP50 - 20) <= tolerance,
                    "RTT p50 \(p50) ms, base \(referenceP50) ms beside it, tolerance \(tolerance) ms")
                let figures = try media.media(delayed)
                #expect(figures["lost"] as? Int == 0)
                #expect((figures["mos"] as? Double ?? 0) >= 4.2, "\(figures)")

                // Every 50th request towards the loss address dropped, the first included: 225 requests in a 5 s
                // stream (4.5 s of requests, 0.5 s for the last answers) lose exactly ceil(225 / 50) = 5.
                let lossy = try await Lab.with(["loss-nth", "50"], restoring: ["loss-nth", "0"]) {
                    try await stream("stun:198.18.0.31:5004?duration=5s")
                }
                let lossyFigures = try media.media(lossy)
                let sent = try #require(lossyFigures["sent"] as? Int)
                #expect(sent == 225)
                #expect(lossyFigures["lost"] as? Int == (sent + 49) / 50, "\(lossyFigures)")
                #expect(lossy["reason"] as? String == "media.loss", "\(lossy["message"] ?? "")")
                #expect(lossyFigures["loss_percent"] as? Double == 2.222)
            } catch {
                try await responder.stop()
                throw error
            }
            try await responder.stop()
        }

        @Test func aServerThatStopsAnsweringIsRateLimitingNotPathLoss() async throws {
            // The lab's stunlimit service answers 40 requests of each client, then nothing.
            let probe = try await stream("stun:198.18.0.2:3490?duration=3s")
            #expect(probe["status"] as? String == "warn", "\(probe["message"] ?? "")")
            #expect(probe["reason"] as? String == "stun.rate_limit")
            #expect((probe["message"] as? String)?.contains("(40 answered)") == true, "\(probe["message"] ?? "")")
            let figures = try media.media(probe)
            #expect(figures["lost"] as? Int == 0)
            #expect(figures["unanswered_after_stop"] as? Int == 135 - 40)
        }
    }
}
