import Foundation
import NetReadyPosix
import NetReadyTestSupport
import NetReadyWire
import Testing

@testable import NetReady

/// The STUN prober against hostile scripted servers and `netready responder` on loopback: every broken answer is
/// classified within the timeout, strays and other transactions are ignored while a valid answer can still come.
@Suite(.timeLimit(.minutes(3))) struct STUNProberTests {
    /// A 1 s probe, plus room for a loaded 2-core machine running the whole suite in parallel (3.6 s of
    /// scheduling delay was seen): the point is "classified, not hung", not the exact timing.
    static let withinTimeout: Duration = TimeBound.notHung(after: .seconds(1))

    func run(
        _ uris: [String], samples: Int = 1, timeout: Duration = .seconds(1)
    ) async throws -> (results: [ProbeResult], outcome: Runner.Outcome) {
        let files = try TargetLoader.load(arguments: uris, profiles: [:], environment: [:])
        var options = RunOptions()
        options.samples = samples
        options.timeout = timeout
        options.sampleInterval = .milliseconds(10)
        let plan = Plan(files: files, options: options)
        let outcome = await Runner(resolver: SystemHostResolver(), options: options).run(plan)
        return (outcome.results, outcome)
    }

    func probe(_ server: LoopbackSTUNServer, timeout: Duration = .seconds(1)) async throws -> (ProbeResult, Duration) {
        let start = ContinuousClock.now
        let result = try #require(
            try await run(["stun:127.0.0.1:\(server.address.port)"], timeout: timeout).results.first)
        return (result, .now - start)
    }

    @Test func validAnswerPassesWithTheMappedAddress() async throws {
        let server = try LoopbackSTUNServer { request, from, _ in
            [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))]
        }
        defer { server.stop() }
        let (result, _) = try await probe(server)
        #expect(result.status == .pass, "\(result.message)")
        guard case .array(let mapped)? = result.details["mapped_addresses"], case .string(let first)? = mapped.first
        else {
            Issue.record("no mapped_addresses: \(result.details)")
            return
        }
        #expect(first.hasPrefix("127.0.0.1:"))
        #expect(result.details["nat_mapping"] == nil)  // no OTHER-ADDRESS, no discovery
    }

    @Test func garbageIsAProtocolErrorWithinTheTimeout() async throws {
        let server = try LoopbackSTUNServer { _, _, _ in [.init(bytes: Array("HTTP/1.1 400 Bad Request\r\n".utf8))] }
        defer { server.stop() }
        let (result, elapsed) = try await probe(server)
        #expect(result.reason == .stunProtocol, "\(result.message)")
        #expect(result.message.contains("not STUN"))
        #expect(elapsed < Self.withinTimeout)
    }

    /// RFC 8489 section 6.3.4: a response carrying comprehension-required attributes the agent does not know
    /// is a failed transaction, even with a valid mapped address beside them.
    @Test func unknownComprehensionRequiredAttributesFailTheTransaction() async throws {
        let server = try LoopbackSTUNServer { request, from, _ in
            var message = try! STUNMessage(decoding: LoopbackSTUNServer.success(request, mapped: from))
            message.attributes += [.init(type: 0x0030, value: [0, 0, 0, 0]), .init(type: 0x7FFF, value: [1])]
            message.attributes.append(.init(type: 0x8030, value: [0, 0, 0, 0]))  // optional: may be ignored
            return [.init(bytes: message.encoded())]
        }
        defer { server.stop() }
        let (result, elapsed) = try await probe(server)
        #expect(result.status == .fail, "\(result.message)")
        #expect(result.reason == .stunProtocol, "\(result.message)")
        #expect(result.message.contains("unknown comprehension-required attributes 0x0030, 0x7fff"), "\(result.message)")
        #expect(!result.message.contains("0x8030"), "\(result.message)")
        #expect(elapsed < Self.withinTimeout)
    }

    @Test func truncatedAnswerIsAProtocolError() async throws {
        let server = try LoopbackSTUNServer { request, from, _ in
            [.init(bytes: Array(LoopbackSTUNServer.success(request, mapped: from).dropLast(4)))]
        }
        defer { server.stop() }
        let (result, elapsed) = try await probe(server)
        #expect(result.reason == .stunProtocol, "\(result.message)")
        #expect(result.message.contains("malformed"))
        #expect(elapsed < Self.withinTimeout)
    }

    @Test func wrongTransactionIDIsAProtocolErrorOnlyWhenNothingValidArrives() async throws {
        let wrongOnly = try LoopbackSTUNServer { request, from, _ in
            [
                .init(
                    bytes: LoopbackSTUNServer.success(
                        request, mapped: from, transactionID: Array(repeating: 7, count: 12)))
            ]
        }
        defer { wrongOnly.stop() }
        let (failed, elapsed) = try await probe(wrongOnly)
        #expect(failed.reason == .stunProtocol, "\(failed.message)")
        #expect(failed.message.contains("another transaction ID"))
        #expect(elapsed < Self.withinTimeout)

        // The wrong one first, then the right one: the right one wins.
        let wrongThenRight = try LoopbackSTUNServer { request, from, _ in
            [
                .init(
                    bytes: LoopbackSTUNServer.success(
                        request, mapped: from, transactionID: Array(repeating: 7, count: 12))),
                .init(bytes: LoopbackSTUNServer.success(request, mapped: from)),
            ]
        }
        defer { wrongThenRight.stop() }
        let (passed, _) = try await probe(wrongThenRight)
        #expect(passed.status == .pass, "\(passed.message)")
    }

    @Test func answersFromAnotherAddressAreIgnoredAsStrays() async throws {
        let server = try LoopbackSTUNServer { request, from, _ in
            [.init(bytes: LoopbackSTUNServer.success(request, mapped: from), fromOtherPort: true)]
        }
        defer { server.stop() }
        let (result, elapsed) = try await probe(server, timeout: .milliseconds(800))
        #expect(result.reason == .stunTimeout, "\(result.message)")
        #expect(result.message.contains("datagrams from other addresses were ignored"))
        #expect(elapsed < Self.withinTimeout)
    }

    @Test func silenceRetransmitsPerRFC8489UntilTheTimeout() async throws {
        let server = try LoopbackSTUNServer { _, _, _ in [] }
        defer { server.stop() }
        let (result, elapsed) = try await probe(server, timeout: .seconds(2))
        #expect(result.reason == .stunTimeout)
        // Sent at 0, 500 and 1500 ms: three transmissions within 2 s.
        #expect(await settledCount(atLeast: 3) { server.requests } == 3)
        #expect(result.details["transmissions"] == .array([.int(3)]))
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(2) + Self.withinTimeout)
    }

    @Test func lateAnswerToARetransmissionPasses() async throws {
        // Drops the first two transmissions: the third (at 1.5 s) is answered. The 4 s timeout leaves its answer
        // two seconds to arrive on a loaded machine before the fourth transmission (at 3.5 s) would be due.
        let server = try LoopbackSTUNServer { request, from, index in
            index < 2 ? [] : [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))]
        }
        defer { server.stop() }
        let (result, _) = try await probe(server, timeout: .seconds(4))
        #expect(result.status == .pass, "\(result.message)")
        #expect(result.details["transmissions"] == .array([.int(3)]))
    }

    @Test func errorResponseIsAStunErrorNamingTheCode() async throws {
        let server = try LoopbackSTUNServer { request, _, _ in
            return [
                .init(
                    bytes: STUNMessage(
                        type: STUNMessage.messageType(.binding, .errorResponse), transactionID: request.transactionID,
                        attributes: [
                            .init(
                                type: STUNMessage.Attribute.errorCode,
                                value: STUNErrorCode(code: 420, reason: "Unknown Attribute").encoded())
                        ]
                    ).encoded())
            ]
        }
        defer { server.stop() }
        let (result, _) = try await probe(server)
        #expect(result.reason == .stunError)
        #expect(result.message.contains("420 Unknown Attribute"), "\(result.message)")
    }

    /// `netready responder` answers STUN Binding over UDP and echoes TCP: a real peer on loopback.
    @Test func responderIsARealPeerOverUDPAndTCP() async throws {
        let (responder, port) = try await BoundPort.start([.udp, .tcp]) { port in
            let responder = ChildProcess(NetReadyBinary.path, ["responder", "--listen", "127.0.0.1:\(port)"])
            responder.standardError = FileHandle.nullDevice
            return responder
        }
        let outcome: Result<[ProbeResult], any Error>
        do {
            outcome = .success(
                try await run(
                    ["stun:127.0.0.1:\(port)", "stun:127.0.0.1:\(port)?transport=tcp"], samples: 2,
                    timeout: .milliseconds(800)
                ).results)
        } catch {
            outcome = .failure(error)
        }
        // Stopped off the cooperative pool.
        try await onOwnThread {
            responder.terminate()
            responder.waitUntilExit()
        }
        let results = try outcome.get()
        let overUDP = try #require(results.first)
        #expect(overUDP.status == .pass, "\(overUDP.message)")
        #expect(overUDP.details["software"] == .string("netready responder"))
        #expect(overUDP.latencyMs?.samples == 2)
        // Over TCP it answers too, with RFC 8489 framing (it used to echo the request back).
        let overTCP = try #require(results.last)
        #expect(overTCP.status == .pass, "\(overTCP.message)")
        #expect(overTCP.details["software"] == .string("netready responder"))
    }

    @Test func mappedAddressQueryReportsTheReflexiveAddress() async throws {
        let server = try LoopbackSTUNServer { request, from, _ in
            [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))]
        }
        defer { server.stop() }
        let answer = await STUNMappedAddressQuery(server: server.address, timeout: .seconds(1)).run()
        #expect(answer.mapped?.ip == "127.0.0.1")
        #expect(answer.reason == nil)
        let silent = try LoopbackSTUNServer { _, _, _ in [] }
        defer { silent.stop() }
        let none = await STUNMappedAddressQuery(server: silent.address, timeout: .milliseconds(300)).run()
        #expect(none.mapped == nil && none.reason == .stunTimeout)
    }

    @Test func twoServersOnLoopbackSeeOneMappingFromOneSocket() async throws {
        let first = try LoopbackSTUNServer { request, from, _ in
            [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))]
        }
        let second = try LoopbackSTUNServer { request, from, _ in
            [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))]
        }
        defer { first.stop(); second.stop() }
        let (_, outcome) = try await run([
            "stun:127.0.0.1:\(first.address.port)", "stun:127.0.0.1:\(second.address.port)",
        ])
        let nat = try #require(outcome.natBehaviour)
        #expect(nat.mapping == NATBehaviourInfo.endpointIndependent)
        #expect(nat.servers.count == 2)
        #expect(Set(nat.servers.map(\.mapped)).count == 1)
    }
}

extension STUNProberTests {
    @Test func newPortsForNewFlowsAreNotCalledAVaryingAddress() async throws {
        let server = try LoopbackSTUNServer { request, from, _ in
            [.init(bytes: LoopbackSTUNServer.success(request, mapped: from))]
        }
        defer { server.stop() }
        let result = try #require(try await run(["stun:127.0.0.1:\(server.address.port)"], samples: 3).results.first)
        #expect(result.status == .pass, "\(result.message)")
        #expect(result.message.contains("mapped address 127.0.0.1 (a new port for each new flow)"), "\(result.message)")
        #expect(!result.message.contains("varies"))
    }
}
