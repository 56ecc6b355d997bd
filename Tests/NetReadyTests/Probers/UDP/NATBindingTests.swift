import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

/// The binding-lifetime measurement's candidate times and bounds, and a real run against a loopback responder
/// (no NAT: the mapping outlives the shortest idle time) and against a port where no responder listens.
@Suite(.timeLimit(.minutes(3))) struct NATBindingTests {
    @Test func candidatesAreFifteenSecondsApartBelowTwoMinutesAndSixtyAbove() {
        let seconds = NATBindingMeasurement.candidates(upTo: .seconds(300)).map { Int($0 / .seconds(1)) }
        #expect(seconds == [15, 30, 45, 60, 75, 90, 105, 120, 180, 240, 300])
        #expect(NATBindingMeasurement.candidates(upTo: .seconds(50)).map { Int($0 / .seconds(1)) } == [15, 30, 45, 50])
    }

    @Test func boundsAreTheLastSurvivedBeforeTheFirstExpired() {
        let results: [(idle: Duration, result: NATBindingMeasurement.Result)] = [
            (.seconds(15), .kept), (.seconds(30), .kept), (.seconds(45), .expired), (.seconds(60), .expired),
        ]
        #expect(NATBindingVerdict.bounds(results) == .init(lowerSeconds: 30, upperSeconds: 45))
        #expect(NATBindingVerdict.bounds([(.seconds(15), .expired)]) == .init(lowerSeconds: 0, upperSeconds: 15))
        #expect(NATBindingVerdict.bounds([(.seconds(15), .silent)]) == nil)
        // A lost datagram at 15 s below a survived 30 s is not an expiry.
        let lost: [(idle: Duration, result: NATBindingMeasurement.Result)] = [
            (.seconds(15), .expired), (.seconds(30), .kept), (.seconds(45), .expired),
        ]
        #expect(NATBindingVerdict.bounds(lost) == .init(lowerSeconds: 30, upperSeconds: 45))
    }

    @Test func aLoopbackResponderKeepsTheBindingAndNoResponderIsAnError() async throws {
        let responder = try ResponderProcess(["--listen", "127.0.0.1:0"])
        let port = try await responder.port(of: "127.0.0.1")
        let closed = try LoopbackListener.closedPort()
        let kept = "udp://127.0.0.1:\(port)?binding-lifetime=15s"
        let none = "udp://127.0.0.1:\(closed)?binding-lifetime=15s"
        let output = try await NetReadyBinary.run(["check", kept, none, "--format", "json", "--timeout", "2s"])
        try await responder.stop()
        let probes = try ReportProbes(output)
        let measured = try #require(probes[kept])
        #expect(measured["status"] as? String == "pass", "\(measured["message"] ?? "")")
        let bounds = (measured["details"] as? [String: Any])?["nat_binding"] as? [String: Any] ?? [:]
        #expect(bounds["lower_s"] as? Int == 15 && bounds["upper_s"] is NSNull, "\(bounds)")
        let missing = try #require(probes[none])
        #expect(missing["status"] as? String == "error", "\(missing["message"] ?? "")")
        #expect((missing["message"] as? String)?.contains("needs a netready responder") == true)
    }
}
