import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// A final answer to one OPTIONS transaction, with what is needed to look for a SIP ALG.
struct SIPAnswer: Sendable {
    /// The request as sent.
    let request: SIPOptionsRequest
    /// The final response (2xx-6xx) that matched it.
    let response: SIPMessage
    /// From the first transmission to the final response.
    let roundTrip: Duration
    /// Provisional (1xx) responses seen first.
    let provisional: Int
    /// Retransmissions over UDP (RFC 3261 timer E).
    let retransmissions: Int
}

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

/// What one OPTIONS attempt found.
enum SIPAttemptOutcome: Sendable {
    /// A stream transport did not connect (or shake hands), in a TLS probe's terms.
    case notConnected(TLSAttemptOutcome)
    /// A final response matched the request.
    case answered(SIPAnswer)
    /// Nothing answered before the timeout; `transmissions` copies of the request were sent.
    case silent(transmissions: Int)
    /// An ICMP error answered the datagram.
    case icmp(ICMPErrorReport)
    /// The peer answered, but not with a SIP response to this request: the words say what came.
    case broken(String)
    /// netready could not run the attempt.
    case local(String)
    /// The run stopped before this attempt.
    case notRun

    /// The short word for the `attempts[]` outcome.
    var word: String {
        switch self {
        case .notConnected(let outcome): outcome.word
        case .answered(let answer): "\(answer.response.statusCode ?? 0)"
        case .silent: "timeout"
        case .icmp(let report): report.isAdministrativelyProhibited ? "prohibited" : "icmp-unreachable"
        case .broken: "not-sip"
        case .local: "error"
        case .notRun: "not-run"
        }
    }

    /// The answer, when one came.
    var answer: SIPAnswer? {
        if case .answered(let answer) = self { return answer }
        return nil
    }
}
