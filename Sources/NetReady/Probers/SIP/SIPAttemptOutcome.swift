import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// What one OPTIONS attempt found.
enum SIPAttemptOutcome: Sendable {
    /// A stream transport did not connect (or shake hands), in a TLS probe's terms.
    case notConnected(TLSAttemptOutcome)
    /// A final response matched the request.
    case answered(SIPAnswer)
    /// No final response before the timeout; `transmissions` copies of the request were sent and `provisional`
    /// matching provisional (1xx) responses came, the last one `lastProvisional` ("100 Trying"): a server or proxy
    /// that only ever says 100 Trying is not a silent one.
    case silent(transmissions: Int, provisional: Int, lastProvisional: String?)
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
