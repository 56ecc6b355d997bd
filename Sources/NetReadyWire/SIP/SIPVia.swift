/// One Via value (RFC 3261 20.42): `SIP/2.0/UDP host:port;branch=z9hG4bK...;rport;received=...`.
public struct SIPVia: Sendable, Equatable, CustomStringConvertible {
    /// The RFC 3261 magic cookie that starts every compliant branch.
    public static let branchCookie = "z9hG4bK"

    /// The transport token, upper-cased (`UDP`, `TCP`, `TLS`, `WS`, `WSS`, `SCTP`).
    public var transport: String
    /// Where the sender wants responses: its address (or name) and port.
    public var sentBy: SIPHostPort
    /// The parameters in order (`branch`, `rport`, `received`, `maddr`, `ttl`...).
    public var parameters: [SIPParameter]

    /// A Via for `transport` from `sentBy` with `parameters`.
    public init(transport: String, sentBy: SIPHostPort, parameters: [SIPParameter]) {
        self.transport = transport
        self.sentBy = sentBy
        self.parameters = parameters
    }

    /// The `branch` parameter: the transaction identifier.
    public var branch: String? { parameters.value("branch") }
    /// The `received` parameter: the source address the next hop saw.
    public var received: String? { parameters.value("received") }
    /// Whether `rport` is present (with or without a value).
    public var hasRPort: Bool { parameters.parameter("rport") != nil }
    /// The value of `rport` (RFC 3581): the source port the next hop saw; nil when absent or empty.
    public var rport: UInt16? { parameters.value("rport").flatMap { UInt16($0) } }

    /// Parses one Via value (a single hop; split a comma-separated header first).
    ///
    /// - Throws: `WireError.malformed` when the protocol is not `SIP/2.0/transport` or sent-by is bad.
    public init(parsing text: some StringProtocol) throws(WireError) {
        let text = SIPText.trimmed(text)
        let pieces = SIPText.splitOutsideQuotes(text, separator: ";")
        // sent-protocol allows whitespace around the slashes: "SIP / 2.0 / UDP host".
        let head = pieces[0].split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard head.count == 3, SIPText.trimmed(head[0]).uppercased() == "SIP",
            SIPText.trimmed(head[1]) == "2.0"
        else { throw .malformed("Via '\(text)' does not start with SIP/2.0/transport") }
        let rest = SIPText.trimmed(head[2])
        guard let space = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw .malformed("Via '\(text)' has no sent-by")
        }
        let transport = String(rest[..<space])
        guard SIPText.isToken(transport) else { throw .malformed("bad transport in Via '\(text)'") }
        self.transport = transport.uppercased()
        sentBy = try SIPHostPort(parsing: rest[space...])
        parameters = pieces.dropFirst().flatMap { SIPParameter.list($0) }
    }

    /// `SIP/2.0/UDP host:port;params`.
    public var description: String {
        "SIP/2.0/\(transport) \(sentBy)" + parameters.map(\.text).joined()
    }
}
