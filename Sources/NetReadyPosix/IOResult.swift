import Glibc

/// The outcome of a non-blocking operation: it either did its work or would have had to block.
public enum IOResult<Value> {
    /// The call completed and produced a value.
    case processed(Value)
    /// The call would block (`EAGAIN`, `EWOULDBLOCK` or `EINPROGRESS`); wait for readiness and retry.
    case wouldBlock
}

extension IOResult: Sendable where Value: Sendable {}
