import NetReadyPosix
import Synchronization

/// Lets a prober say when an attempt of a traceable probe starts and ends, so that its path trace can start while
/// the attempt is still silent (`--trace-blocked`); nil in ``ProbeContext`` when the probe would not be traced.
struct SilentAttemptWatch: Sendable {
    let tracing: BlockedPathTracing
    let probeID: Int

    /// Watches an attempt to `destination` that waits at most `timeout`; pass the token to ``end(_:)`` when it ends,
    /// however it ends.
    func begin(_ destination: SocketAddress, transport: PathTransport, timeout: Duration) -> UInt64? {
        tracing.watchSilence(
            BlockedPathTracing.SilentAttempt(
                probeID: probeID, target: BlockedPathTarget(transport: transport, destination: destination),
                attemptTimeout: timeout))
    }

    /// The attempt answered, failed or timed out: it no longer starts a trace (one it already started stays, until
    /// its probe's result shows whether it is wanted).
    func end(_ token: UInt64?) {
        guard let token else { return }
        tracing.state.withLock { _ = $0.silent.end(token) }
    }
}
