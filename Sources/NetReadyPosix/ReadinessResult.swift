internal import CNetReadyShims
import Dispatch
import Glibc
import Synchronization

/// How a readiness wait ended.
public enum ReadinessResult: Sendable, Equatable {
    /// The descriptor became readable/writable, or has an error or hang-up to report (including a report on the
    /// `IP_RECVERR` error queue, which stays "ready" until drained with ``Socket/readErrorQueue()``).
    case ready
    /// The deadline passed first (e.g. a silently dropped SYN, which never fires the write source).
    case timedOut
    /// The waiting task was cancelled, or the socket was closed during the wait.
    case cancelled
}
