internal import CNetReadyShims
import Dispatch
import Glibc
import Synchronization

/// The kind of socket to open.
public enum SocketType: Sendable, Hashable {
    /// `SOCK_STREAM` (TCP).
    case stream
    /// `SOCK_DGRAM` (UDP, or unprivileged ICMP with `IPPROTO_ICMP`).
    case datagram
    /// `SOCK_RAW` (raw ICMP; needs root or `cap_net_raw`).
    case raw

    var rawValue: Int32 {
        switch self {
        case .stream: return Int32(SOCK_STREAM.rawValue)
        case .datagram: return Int32(SOCK_DGRAM.rawValue)
        case .raw: return Int32(SOCK_RAW.rawValue)
        }
    }
}
