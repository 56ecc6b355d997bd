import Foundation
import NetReadyPosix
import NetReadyWire

/// `icmp:HOST`: echo round trips, with kernel receive timestamps, `samples` times per address.
///
/// Silence is `icmp.timeout`; an ICMP error instead of a reply (a router's admin-prohibited or
/// unreachable) is named with its sender, since that is where the rule to change lives.
package struct ICMPProber: Prober {
    package init() {}

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        guard let addresses = await probe.resolveAddresses(into: &result, context: context, port: 0) else {
            return result
        }
        let address = addresses[0]
        result.address = address.ip
        let outcome = await context.budget.withSlot(host: address.ip) {
            await Self.echo(
                address, samples: probe.samples, timeout: probe.timeout, interval: context.options.sampleInterval,
                source: probe.sourceAddress(for: address, options: context.options),
                interface: context.options.interface)
        }
        guard let outcome else {
            result.status = .skip
            result.message = "not run: the run stopped before this probe started"
            return result
        }
        switch outcome {
        case .failure(let failure):
            result.status = .error
            result.message = failure.message
        case .success(let echo):
            describe(echo, address: address, samples: probe.samples, into: &result)
        }
        return result
    }

    /// What the echoes found.
    struct EchoOutcome: Sendable {
        var attempts: [Attempt] = []
        var roundTrips: [Duration] = []
        var errors: [ICMPErrorReport] = []
        var socketKind = ""
    }

    static func echo(
        _ address: SocketAddress, samples: Int, timeout: Duration, interval: Duration,
        source: SocketAddress?, interface: String?
    ) async -> Result<EchoOutcome, EchoFailure> {
        let icmp: ICMPEchoSocket
        do {
            icmp = try ICMPEchoSocket.open(family: address.family)
            try icmp.socket.enableErrorQueue()
            try? icmp.socket.setReceiveTimestamps()
            if let interface { try icmp.socket.bind(toInterface: interface) }
            if let source { try icmp.socket.bind(to: source) }
        } catch {
            return .failure(EchoFailure(message: "\(error)"))
        }
        defer { icmp.socket.close() }
        var outcome = EchoOutcome(socketKind: icmp.isRaw ? "raw" : "datagram")
        let identifier = UInt16.random(in: 1...UInt16.max)
        let requestType = address.family == .inet ? ICMPEcho.requestV4 : ICMPEcho.requestV6
        let replyType = address.family == .inet ? ICMPEcho.replyV4 : ICMPEcho.replyV6
        let clock = ContinuousClock()
        for sequence in 1...UInt16(clamping: samples) {
            if sequence > 1 { try? await Task.sleep(for: interval) }
            let request = ICMPEcho(
                type: requestType, identifier: identifier, sequence: sequence,
                payload: Array("netready icmp echo".utf8))
            let started = Date()
            let sentAt = clock.now
            do {
                _ = try icmp.socket.send(request.encoded(), to: address.withPort(0))
            } catch {
                outcome.errors += (try? icmp.socket.drainErrorQueue()) ?? []
                outcome.attempts.append(Attempt(at: started, ms: nil, outcome: "send-error"))
                continue
            }
            let deadline = sentAt + timeout
            var answered = false
            while !answered && clock.now < deadline {
                let readiness = await icmp.socket.waitReadable(timeout: deadline - clock.now)
                guard readiness == .ready else { break }
                let errors = (try? icmp.socket.drainErrorQueue()) ?? []
                if !errors.isEmpty {
                    outcome.errors += errors
                    outcome.attempts.append(Attempt(at: started, ms: nil, outcome: "icmp-error"))
                    answered = true
                    break
                }
                while let received = try? icmp.socket.receive(maxBytes: 1500), case .processed(let datagram) = received
                {
                    guard datagram.from.ip == address.ip,
                        let reply = try? ICMPEcho(
                            decoding: datagram.bytes, skippingIPv4Header: icmp.isRaw && address.family == .inet),
                        reply.type == replyType, reply.sequence == sequence,
                        !icmp.isRaw || reply.identifier == identifier
                    else { continue }
                    let arrived = datagram.kernelTimestamp ?? clock.now
                    let roundTrip = arrived - sentAt
                    outcome.roundTrips.append(roundTrip)
                    outcome.attempts.append(Attempt(at: started, ms: roundTrip.milliseconds, outcome: "reply"))
                    answered = true
                    break
                }
            }
            if !answered { outcome.attempts.append(Attempt(at: started, ms: nil, outcome: "timeout")) }
        }
        return .success(outcome)
    }

    /// Why the echo could not run at all.
    struct EchoFailure: Error, Sendable {
        let message: String
    }

    private func describe(_ echo: EchoOutcome, address: SocketAddress, samples: Int, into result: inout ProbeResult) {
        result.attempts = echo.attempts
        result.latencyMs = LatencySummary(durations: echo.roundTrips)
        result.observations.icmp = ICMPObservation(socket: echo.socketKind, icmpError: echo.errors.first?.description)
        let replies = echo.roundTrips.count
        let lost = samples - replies
        if replies == samples {
            result.status = .pass
            result.message = String(
                format: "%d/%d echo replies from %@, p50 %.2f ms", replies, samples, address.ip,
                result.latencyMs?.p50 ?? 0)
        } else if replies > 0 {
            result.status = .warn
            result.reason = .icmpTimeout
            result.message = "\(lost) of \(samples) echoes to \(address.ip) got no reply"
        } else if let error = echo.errors.first {
            result.status = .fail
            result.reason = error.isAdministrativelyProhibited ? .icmpProhibited : .icmpUnreachable
            let from = error.offender.map { " by \($0)" } ?? ""
            let what = error.isAdministrativelyProhibited ? "administratively prohibited" : "unreachable"
            result.message = "echo to \(address.ip) \(what)\(from) (ICMP type \(error.type) code \(error.code))"
        } else {
            result.status = .fail
            result.reason = .icmpTimeout
            result.message = "no echo reply from \(address.ip) in \(samples) tries"
        }
    }
}
