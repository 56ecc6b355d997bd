import NetReadyPosix
#if canImport(Glibc)
import Glibc
#endif

/// The protocol a path trace probes with: the same as the probe that failed, so firewalls treat it alike.
package enum PathTransport: String, Sendable, Equatable {
    /// TCP SYNs (non-blocking connects).
    case tcp
    /// UDP datagrams.
    case udp
}
