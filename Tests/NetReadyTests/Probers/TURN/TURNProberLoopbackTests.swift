import Foundation
import NetReadyPosix
import NetReadyTestSupport
import NetReadyWire
import Testing

@testable import NetReady

/// The TURN prober against scripted relays on 127.0.0.1: hostile and half-broken servers get a
/// classified result within the timeout, never a hang.
@Suite(.timeLimit(.minutes(3))) struct TURNProberLoopbackTests {
    /// Two samples of a 1 s timeout, with room for a loaded machine: "classified, not hung".
    static let notHung = TimeBound.notHung(after: .seconds(2))

    func run(
        _ responder: LoopbackUDPResponder, credentials: Bool = false, samples: Int = 2, timeout: Duration = .seconds(1)
    ) async throws -> (ProbeResult, Duration) {
        let uri = "turn:127.0.0.1:\(responder.address.port)"
        var files = try TargetLoader.load(arguments: [uri], profiles: [:], environment: [:])
        if credentials {
            files[0].targets[0].probes[0].username = "probe"
            files[0].targets[0].probes[0].credential = "not-in-the-report"
        }
        var options = RunOptions()
        options.samples = samples
        options.timeout = timeout
        options.sampleInterval = .milliseconds(5)
        let start = ContinuousClock.now
        let results = await Runner(resolver: SystemHostResolver(), options: options).run(
            Plan(files: files, options: options))
        return (try #require(results.results.first), .now - start)
    }

    @Test func garbageIsAProtocolErrorWithinTheTimeout() async throws {
        let responder = try LoopbackUDPResponder { _ in [Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8)] }
        defer { responder.stop() }
        let (result, elapsed) = try await run(responder)
        #expect(result.status == .fail)
        #expect(result.reason == .stunProtocol)
        #expect(result.message.contains("not STUN"), "\(result.message)")
        #expect(elapsed < Self.notHung)
    }

    @Test func aWrongTransactionIDIsAProtocolError() async throws {
        let responder = try LoopbackUDPResponder.stun { request in
            guard let request else { return [] }
            return [
                LoopbackUDPResponder.answer(request, .errorResponse, transactionID: STUNMessage.randomTransactionID()) {
                    _ in [.errorCode(STUNErrorCode(code: 401, reason: "Unauthorized")), .realm("x"), .nonce("n")]
                }
            ]
        }
        defer { responder.stop() }
        let (result, _) = try await run(responder)
        #expect(result.reason == .stunProtocol)
        #expect(result.message.contains("another transaction ID"), "\(result.message)")
    }

    @Test func silenceIsATimeoutAfterRetransmissions() async throws {
        let responder = try LoopbackUDPResponder { _ in [] }
        defer { responder.stop() }
        // One sample of 3 s: RFC 8489 sends at 0, 500 and 1500 ms, and nothing after the timeout. A loaded
        // machine may start the first send late and so fit fewer in, but always at least one retransmission.
        let (result, elapsed) = try await run(responder, samples: 1, timeout: .seconds(3))
        #expect(result.reason == .turnTimeout)
        let sent = await settledCount(atLeast: 2) { responder.received }
        #expect((2...3).contains(sent), "\(sent) transmissions")
        #expect(elapsed >= .milliseconds(2900) && elapsed < TimeBound.notHung(after: .seconds(3)))
    }

    /// A server that answers every request with the error `code` and nothing else.
    static func answering(_ code: Int, _ reason: String) throws -> LoopbackUDPResponder {
        try LoopbackUDPResponder.stun { request in
            guard let request else { return [] }
            return [
                LoopbackUDPResponder.answer(request, .errorResponse) { _ in
                    [.errorCode(STUNErrorCode(code: code, reason: reason))]
                }
            ]
        }
    }

    @Test func aChallengeWithoutRealmAndNonceIsAProtocolError() async throws {
        let responder = try Self.answering(401, "Unauthorized")
        defer { responder.stop() }
        let (result, _) = try await run(responder)
        #expect(result.reason == .stunProtocol)
        #expect(result.message.contains("no REALM and NONCE"), "\(result.message)")
    }

    @Test func aQuotaErrorIsARelayFailure() async throws {
        let responder = try Self.answering(486, "Allocation Quota Reached")
        defer { responder.stop() }
        let (result, _) = try await run(responder)
        #expect(result.reason == .turnRelay)
        #expect(result.message.contains("486 Allocation Quota Reached"), "\(result.message)")
    }

    /// A relay that says yes to everything but never forwards a byte: `turn.relay`, and the
    /// credential appears nowhere in the result.
    @Test func anAllocationThatCarriesNoDataIsARelayFailure() async throws {
        let responder = try LoopbackUDPResponder.stun { request in
            guard let request, request.messageClass == .request else { return [] }
            if request.method == .allocate && request.username == nil {
                return [
                    LoopbackUDPResponder.answer(request, .errorResponse) { _ in
                        [.errorCode(STUNErrorCode(code: 401, reason: "Unauthorized")), .realm("r"), .nonce("n")]
                    }
                ]
            }
            return [
                LoopbackUDPResponder.answer(request, .successResponse) { id in
                    [
                        .xorAddress(
                            STUNMessage.Attribute.xorRelayedAddress, STUNAddress(address: [127, 0, 0, 1], port: 9),
                            transactionID: id),
                        .xorAddress(
                            STUNMessage.Attribute.xorMappedAddress, STUNAddress(address: [127, 0, 0, 1], port: 4000),
                            transactionID: id),
                        .lifetime(seconds: 600),
                    ]
                }
            ]
        }
        defer { responder.stop() }
        let (result, elapsed) = try await run(responder, credentials: true)
        #expect(result.reason == .turnRelay, "\(result.message)")
        #expect(result.message.contains("127.0.0.1:9"), "\(result.message)")
        #expect(elapsed < Self.notHung)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(!json.contains("not-in-the-report"))
    }
}
