internal import CNetReadyShims
import Dispatch
import Glibc
import Synchronization

/// What a non-blocking `connect` did.
public enum ConnectOutcome: Sendable, Equatable {
    /// The connection completed at once (typical for datagram sockets, rare for TCP).
    case connected
    /// The handshake is under way: wait for ``Socket/waitWritable(timeout:)``, then check ``Socket/pendingError()``.
    case inProgress
}
