import NetReadyPosix

/// How one STUN transaction ended, on any transport.
enum STUNTransactionOutcome: Sendable {
    /// A valid Binding response arrived (a success with a mapped address, or an error response).
    case answered(STUNAnswer)
    /// No valid answer before the deadline; what did arrive, if anything, is in the silence.
    case unanswered(STUNSilence)
    /// netready could not run the transaction (no socket, a send refused locally); the words say why.
    case localError(String)

    /// The answer, when there was one.
    var answer: STUNAnswer? {
        if case .answered(let answer) = self { return answer }
        return nil
    }
}

/// What a transaction saw when no valid answer came: invalid messages (`stun.protocol`), an ICMP error, a closed
/// connection, or nothing at all (`stun.timeout`).
struct STUNSilence: Sendable {
    /// From the first transmission to giving up.
    var elapsed: Duration
    /// Requests sent (over UDP, with retransmissions).
    var transmissions: Int
    /// Messages from the server that did not answer the request.
    var invalid: [STUNInvalidAnswer] = []
    /// Datagrams from other addresses than the server's, ignored.
    var strays = 0
    /// An ICMP error about the server's address (UDP), which ends the wait early.
    var icmp: ICMPErrorReport?
    /// How a stream ended before an answer ("the server closed the connection"), nil when it did not.
    var streamEnded: String?

    /// True when the server sent something, but not a valid answer: `stun.protocol` rather than `stun.timeout`.
    var isProtocolError: Bool { !invalid.isEmpty || streamEnded != nil }
}
