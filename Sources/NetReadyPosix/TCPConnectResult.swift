import Glibc

/// How one TCP connect attempt ended. A refusal or a timeout is a result, not an error.
public enum TCPConnectResult: Sendable, Equatable {
    /// The handshake completed.
    case connected(elapsed: Duration)
    /// The connect failed with `errnoCode` (`ECONNREFUSED` for a reset, `EHOSTUNREACH`/`ENETUNREACH`... for ICMP);
    /// `icmp` carries the ICMP type, code and sender when the failure came from an ICMP error.
    case failed(errnoCode: Int32, icmp: ICMPErrorReport?, elapsed: Duration)
    /// No answer within the timeout: the SYN (or its answer) was silently dropped.
    case timedOut(elapsed: Duration)
    /// The probe could not run: no socket, a bad source address or interface, or the task was cancelled
    /// (reported as `ECANCELED` from `"wait"`).
    case localError(IOError)
}
