import Foundation
import NetReadyPosix
import NetReadyTLS
import Synchronization

/// What one TLS attempt (TCP connect, then handshake) found.
enum TLSAttemptOutcome: Sendable {
    /// TCP did not connect; the `tcp.*` state says how.
    case tcp(TCPConnectObservation)
    /// The handshake completed or failed after a TCP connect that took `connect`.
    case handshake(connect: Duration, TLSHandshakeResult)
    /// netready could not set the attempt up (bad CA file, no memory); the words say why.
    case local(String)
    /// The run stopped before this attempt.
    case notRun

    /// The short word for the `attempts[]` outcome.
    var word: String {
        switch self {
        case .tcp(let observation): "tcp-" + observation.state.rawValue
        case .handshake(_, .completed): "handshake"
        case .handshake(_, .failed(let failure)): failure.kind.rawValue
        case .local: "error"
        case .notRun: "not-run"
        }
    }

    /// The session, when the handshake completed.
    var session: TLSSessionInfo? {
        if case .handshake(_, .completed(let session)) = self { return session }
        return nil
    }

    /// The TCP connect time, when TCP connected.
    var connectTime: Duration? {
        if case .handshake(let connect, _) = self { return connect }
        return nil
    }
}
