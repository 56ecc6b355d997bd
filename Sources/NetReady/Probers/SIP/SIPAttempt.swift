import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// One attempt: its outcome and, for stream transports that connected, the connect time and TLS session.
struct SIPAttempt: Sendable {
    var outcome: SIPAttemptOutcome
    var connectTime: Duration?
    var session: TLSSessionInfo?

    /// The connection phase, in a TLS probe's terms.
    var tlsOutcome: TLSAttemptOutcome {
        if case .notConnected(let outcome) = outcome { return outcome }
        if case .notRun = outcome { return .notRun }
        guard let session else { return .local("plain connection") }
        return .handshake(connect: connectTime ?? .zero, .completed(session))
    }
}
