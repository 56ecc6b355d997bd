/// One header a middlebox changed: what was sent, what came back or was received.
public struct SIPRewrite: Sendable, Equatable, CustomStringConvertible {
    /// Which field: `Via sent-by`, `Via transport`, `From`, `To`, `Contact`, `Call-ID`, `CSeq`, `Request-URI`.
    public var header: String
    /// The value as sent.
    public var sent: String
    /// The value the server received (sipfrag echo) or returned (response headers).
    public var received: String

    /// A change of `header` from `sent` to `received`.
    public init(header: String, sent: String, received: String) {
        self.header = header
        self.sent = sent
        self.received = received
    }

    /// `Via sent-by 10.0.0.2:5060 rewritten to 203.0.113.7:5060`.
    public var description: String { "\(header) \(sent) rewritten to \(received)" }
}
