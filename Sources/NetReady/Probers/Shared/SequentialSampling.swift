import Foundation
import NetReadyPosix

extension PlannedProbe {
    /// Resolves the probe's host and picks the first address, for probers that sample one connection at a time.
    ///
    /// - Returns: the address, or nil after marking `result` (no port: error; no address: a `dns.*` reason).
    func firstAddress(into result: inout ProbeResult, context: ProbeContext) async -> SocketAddress? {
        guard let port = uri.port else {
            result.message = "\(uri.kind.rawValue) probe without a port"
            return nil
        }
        guard let addresses = await resolveAddresses(into: &result, context: context, port: port) else { return nil }
        result.address = addresses[0].description
        return addresses[0]
    }

    /// Runs the probe's samples against `address` one after another, each inside a budget slot, with the run's
    /// pause between them, recording each in `result.attempts`. Stops early when the run stops.
    ///
    /// - Parameters:
    ///   - notRun: the outcome that stands for an attempt the budget did not start.
    ///   - attempt: one attempt.
    ///   - describe: the attempt's time in milliseconds (nil without an answer) and its outcome word.
    func sampleSequentially<Outcome: Sendable>(
        _ address: SocketAddress, context: ProbeContext, into result: inout ProbeResult, notRun: Outcome,
        attempt: @Sendable () async -> Outcome, describe: (Outcome) -> (ms: Double?, word: String)
    ) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for index in 0..<samples {
            if index > 0 { try? await Task.sleep(for: context.options.sampleInterval) }
            let started = Date()
            guard let outcome = await context.budget.withSlot(host: address.ip, attempt) else {
                outcomes.append(notRun)
                result.attempts.append(Attempt(at: started, ms: nil, outcome: "not-run", address: address.description))
                break
            }
            outcomes.append(outcome)
            let (ms, word) = describe(outcome)
            result.attempts.append(Attempt(at: started, ms: ms, outcome: word, address: address.description))
        }
        return outcomes
    }
}

extension TLSAttemptSettings {
    /// Settings for `probe` with the run's shared TLS context, or nil after marking `result` as an error.
    static func make(for probe: PlannedProbe, options: RunOptions, into result: inout ProbeResult) -> Self? {
        do {
            return TLSAttemptSettings(probe: probe, context: try TLSContextCache.context(caFiles: options.caFiles))
        } catch {
            result.status = .error
            result.message = "could not set up TLS: \(error)"
            return nil
        }
    }
}
