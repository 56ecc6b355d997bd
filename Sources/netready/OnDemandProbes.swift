import Foundation
import NetReady
import NetReadyServe
import Synchronization

/// `/probe?target=NAME`: runs one loaded target now, beside the loop, and renders its metrics.
/// At most `limit` at once, so a client hammering `/probe` cannot multiply the agent's traffic.
final class OnDemandProbes: Sendable {
    static let limit = 4

    private let targets: CurrentTargets
    private let running = Mutex(0)

    init(targets: CurrentTargets) { self.targets = targets }

    func probe(_ name: String) async -> ProbeAnswer {
        guard let execution = targets.targets.execution(forTarget: name) else { return .unknown }
        let admitted = running.withLock { count -> Bool in
            guard count < Self.limit else { return false }
            count += 1
            return true
        }
        guard admitted else { return .busy }
        defer { running.withLock { $0 -= 1 } }
        // Its own stop signal: an on-demand probe runs to its timeouts; the agent's stop ends the process.
        let report = await execution.run(egress: EgressRun(), stop: StopSignal(), redaction: nil)
        return .metrics((try? PrometheusRenderer().render(report)) ?? "")
    }
}
