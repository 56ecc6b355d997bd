import NetReadyPosix
import NetReadyTLS

/// A TLS handshake over an already connected socket, for probers that speak a protocol over TLS.
enum TLSStreamSetup {
    /// The connection and its session, or the attempt's outcome when it did not come up.
    case ready(TLSConnection, TLSSessionInfo)
    case failed(TLSAttemptOutcome)
}
