import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

/// More misbehaving TCP peers (issue 20): half-close, accept-and-hang, 1-byte drip, garbage, each against the
/// probes that talk over TCP. Each is classified with its named reason within `notHung(after: timeout)`.
extension HostilePeerTests {
    /// One peer and what netready must make of it.
    struct StallCase: Sendable, CustomTestStringConvertible {
        let scheme: String
        let peer: HostileTCPServer.Behaviour
        let name: String
        let timeout: Duration
        let reason: Reason?
        /// Words the message must contain (why, in the user's terms).
        let words: String
        var testDescription: String { "\(scheme) \(name) → \(reason?.rawValue ?? "pass")" }
    }

    /// A header line that never ends: 1 byte every 100 ms for 60 s, far past every timeout below.
    static let endlessHead = Array("HTTP/1.1 200 OK\r\nX-Drip: ".utf8) + [UInt8](repeating: 0x61, count: 600)
    static let shortAnswer = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
    static let garbage = Array("SSH-2.0-OpenSSH_9.2\r\n\u{0}\u{1}\u{2}garbage".utf8)

    // Expected reasons are what the probe can know: a timeout names the phase reached, a close before any answer
    // is a reset-like cut of the flow (http.reset, as a filter would do) or a protocol error, garbage is protocol.
    static let stallCases: [StallCase] = [
        StallCase(
            scheme: "http", peer: .halfCloseAfterRequest, name: "half-close after the request", timeout: .seconds(10),
            reason: .httpProtocol, words: "Empty reply from server"),
        StallCase(
            scheme: "http", peer: .acceptAndHang, name: "accept and hang", timeout: .seconds(2),
            reason: .httpTimeout, words: "0 bytes received"),
        StallCase(
            scheme: "http", peer: .drip(endlessHead, interval: .milliseconds(100)), name: "endless 1-byte drip",
            timeout: .seconds(2), reason: .httpTimeout, words: "timed out"),
        StallCase(
            scheme: "http", peer: .drip(shortAnswer, interval: .milliseconds(20)), name: "1-byte drip of a 200",
            timeout: .seconds(10), reason: nil, words: "200"),
        StallCase(
            scheme: "tls", peer: .acceptAndHang, name: "accept and hang", timeout: .seconds(2),
            reason: .tlsTimeout, words: "no TLS answer within 2s"),
        StallCase(
            scheme: "tls", peer: .halfCloseAfterRequest, name: "half-close after the ClientHello",
            timeout: .seconds(10), reason: .tlsReset, words: "closed"),
        StallCase(
            scheme: "tls", peer: .drip(garbage, interval: .zero), name: "garbage for a ServerHello", timeout: .seconds(10),
            reason: .tlsProtocol, words: "wrong version number"),
        StallCase(
            scheme: "tls", peer: .drip(garbage, interval: .milliseconds(100)), name: "1-byte drip of garbage",
            timeout: .seconds(10), reason: .tlsProtocol, words: "wrong version number"),
        StallCase(
            scheme: "ws", peer: .halfCloseAfterRequest, name: "half-close after the upgrade request",
            timeout: .seconds(10), reason: .wsUpgrade, words: "closed"),
        StallCase(
            scheme: "ws", peer: .acceptAndHang, name: "accept and hang", timeout: .seconds(2),
            reason: .httpTimeout, words: "no HTTP answer within 2s"),
        StallCase(
            scheme: "ws", peer: .drip(endlessHead, interval: .milliseconds(100)), name: "endless 1-byte drip",
            timeout: .seconds(2), reason: .httpTimeout, words: "no HTTP answer within 2s"),
    ]

    @Test(arguments: stallCases) func stallingPeerIsClassifiedWithinTheTimeout(_ check: StallCase) async throws {
        let server = try HostileTCPServer(check.peer)
        defer { server.stop() }
        let (result, elapsed) = try await probe("\(check.scheme)://127.0.0.1:\(server.port)/", timeout: check.timeout)
        #expect(result.reason == check.reason, "\(result.status) \(result.message)")
        #expect(result.status == (check.reason == nil ? .pass : .fail), "\(result.message)")
        #expect(result.message.contains(check.words), "\(result.message)")
        #expect(elapsed < TimeBound.notHung(after: check.timeout), "took \(elapsed)")
    }
}
