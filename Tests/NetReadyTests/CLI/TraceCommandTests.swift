import Foundation
import NetReadyTestSupport
import Testing

/// `netready trace URI` as a user runs it: loopback peers, and a namespace where nothing answers.
@Suite(.timeLimit(.minutes(3))) struct TraceCommandTests {
    @Test func refusedLoopbackPortIsResetAtHopOneAndExitsZero() async throws {
        let port = try LoopbackListener.closedPort()
        let output = try await NetReadyBinary.run(["trace", "tcp://127.0.0.1:\(port)"])
        // The RST comes from the destination itself: it answered, so the path is not what stops the traffic.
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout.contains(" 1  127.0.0.1  "), "\(output.stdout)")
        #expect(output.stdout.hasSuffix("reset by the destination (RST from 127.0.0.1 at hop 1)\n"))
    }

    @Test func listeningLoopbackPortIsReachedAndExitsZero() async throws {
        let listener = try LoopbackListener()
        let output = try await NetReadyBinary.run(["trace", "tcp://127.0.0.1:\(listener.port)", "--format", "json"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let path = try output.json()
        #expect(path["outcome"] as? String == "reached")
        #expect(path["destination"] as? String == "127.0.0.1:\(listener.port)")
    }

    @Test func silenceFromTheFirstHopOnSaysNoHopAnsweredWithinOneHopTimeout() async throws {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return
        }
        // ip(8) calls block: not on the cooperative pool.
        let namespace = try await onOwnThread { try BlackholeNamespace() }
        // What starting the binary costs in this run (a sanitizer build or a loaded machine takes seconds), measured
        // the same way, so the bound below is on the trace's own time.
        let startupStart = ContinuousClock.now
        _ = try await NetReadyBinary.run(["--version"], prefix: namespace.execPrefix)
        let startup = ContinuousClock.now - startupStart
        let start = ContinuousClock.now
        let output = try await NetReadyBinary.run(
            ["trace", "tcp://\(namespace.silentAddress(0)):443", "--hop-timeout", "8s", "--format", "json"],
            prefix: namespace.execPrefix)
        let elapsed = ContinuousClock.now - start - startup
        #expect(output.status == 1, "stderr: \(output.stderr)")
        let path = try output.json()
        #expect(path["outcome"] as? String == "no-answer")
        #expect((path["finding"] as? String)?.hasPrefix("no hop answered up to TTL 8") == true, "\(path)")
        #expect(path["stops_after_hop"] is NSNull)
        // TTL 1-8 probed together: one 8 s hop timeout, and no second wave after eight silent hops (that
        // would end at 16 s, hop by hop at 64 s); 6 s of room for a loaded machine, beyond the binary's start-up.
        #expect(elapsed < .seconds(14), "took \(elapsed) beyond a start-up of \(startup)")
    }

    @Test func tracesTheTCPPortOfAnHTTPSOrTLSURI() async throws {
        let listener = try LoopbackListener()
        for uri in ["https://127.0.0.1:\(listener.port)/", "tls://127.0.0.1:\(listener.port)"] {
            let output = try await NetReadyBinary.run(["trace", uri, "--format", "json"])
            #expect(output.status == 0, "\(uri): \(output.stderr)")
            let path = try output.json()
            #expect(path["outcome"] as? String == "reached", "\(uri): \(path)")
            #expect(path["destination"] as? String == "127.0.0.1:\(listener.port)")
        }
    }

    @Test func rejectsARangeAndSchemesWithoutAPort() async throws {
        for uri in ["tcp://127.0.0.1:80-81", "dns:example.test", "icmp:127.0.0.1"] {
            let output = try await NetReadyBinary.run(["trace", uri])
            #expect(output.status == 2, "\(uri): \(output.stderr)")
        }
    }
}

/// `--trace-blocked` behind a router that rate-limits its ICMP errors, as Linux does by default.
@Suite(.timeLimit(.minutes(3))) struct RateLimitedTraceTests {
    @Test func tracesThatHeardNoHopAreRetriedAloneUntilTheRouterAnswers() async throws {
        guard BlackholeNamespace.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "namespace tests must run in CI (as root)")
            return
        }
        // ip(8) calls block: not on the cooperative pool.
        let network = try await onOwnThread { try RoutedNamespaces() }
        #expect(try network.routerICMPRateLimit() > 0, "the router must rate-limit ICMP for this test to mean much")
        // Five traces at once ask the router for ten time-exceeded messages; it answers a burst of about six, so
        // some traces hear nothing at first (3 of 5 named the router before traces were retried).
        let uris = (1...5).map { "tcp://10.66.9.\($0):443" }
        let start = ContinuousClock.now
        let output = try await NetReadyBinary.run(
            ["check"] + uris + ["--samples", "1", "--timeout", "1s", "--format", "json"], prefix: network.clientPrefix)
        let elapsed = ContinuousClock.now - start
        let report = try output.json()
        let probes = (report["targets"] as? [[String: Any]] ?? []).flatMap { $0["probes"] as? [[String: Any]] ?? [] }
        #expect(probes.count == 5)
        for probe in probes {
            let path = (probe["details"] as? [String: Any])?["path"] as? [String: Any]
            #expect(
                path?["stops_after_address"] as? String == network.routerAddress,
                "\(probe["uri"] ?? ""): \(path ?? [:])")
        }
        // The probe (1 s), the traces together (1 s), then one retry at a time, each after a quiet 1.1 s (a trace's
        // SYN is resent as it closes): 4-7 s measured, more on a loaded machine; retries without end would go
        // beyond, and the time limit ends them.
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }
}
