/// The OPTIONS request a reachability probe sends (RFC 3261 11.1), with the identifiers that match its answer.
public struct SIPOptionsRequest: Sendable, Equatable {
    /// The Request-URI and To URI, e.g. `sip:sip.example.com:5060;transport=tcp`.
    public var targetURI: String
    /// The Via transport token: `UDP`, `TCP`, `TLS`, `WS`, `WSS`.
    public var transport: String
    /// Where responses should go: the local address and port of the socket (or a `.invalid` name for WebSocket).
    public var sentBy: SIPHostPort
    /// The Via branch, starting with the RFC 3261 magic cookie.
    public var branch: String
    /// The From tag.
    public var fromTag: String
    /// The Call-ID.
    public var callID: String
    /// The CSeq number.
    public var sequence: UInt32
    /// The user part of From and Contact.
    public var user: String

    /// A request with the given identifiers; ``random(targetURI:transport:sentBy:)`` makes fresh ones.
    public init(
        targetURI: String, transport: String, sentBy: SIPHostPort, branch: String, fromTag: String, callID: String,
        sequence: UInt32 = 1, user: String = "netready"
    ) {
        self.targetURI = targetURI
        self.transport = transport
        self.sentBy = sentBy
        self.branch = branch
        self.fromTag = fromTag
        self.callID = callID
        self.sequence = sequence
        self.user = user
    }

    /// A request with a fresh branch, tag and Call-ID from the system's random generator.
    public static func random(targetURI: String, transport: String, sentBy: SIPHostPort) -> SIPOptionsRequest {
        SIPOptionsRequest(
            targetURI: targetURI, transport: transport, sentBy: sentBy,
            branch: SIPVia.branchCookie + randomToken(length: 16), fromTag: randomToken(length: 10),
            callID: randomToken(length: 24) + "@" + sentBy.host)
    }

    /// `length` random lower-case letters and digits.
    public static func randomToken(length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<max(0, length)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The Via this request carries: `SIP/2.0/UDP sent-by;branch=...;rport` (RFC 3581 asks for the port seen).
    public var via: SIPVia {
        SIPVia(
            transport: transport, sentBy: sentBy,
            parameters: [SIPParameter(name: "branch", value: branch), SIPParameter(name: "rport")])
    }

    /// The CSeq this request carries.
    public var cseq: SIPCSeq { SIPCSeq(number: sequence, method: "OPTIONS") }

    /// The From value: the probe's own address with a tag.
    public var from: String { "<sip:\(user)@\(sentBy.hostOnly)>;tag=\(fromTag)" }

    /// The To value: the target, no tag.
    public var to: String { "<\(targetURI)>" }

    /// The Contact value: the socket's address, with the transport when it is not UDP.
    public var contact: String {
        let lower = transport.lowercased()
        return "<sip:\(user)@\(sentBy)" + (lower == "udp" ? "" : ";transport=\(lower)") + ">"
    }

    /// The message: Via, Max-Forwards 70, From, To, Call-ID, CSeq, Contact, Accept, User-Agent, Content-Length 0.
    public var message: SIPMessage {
        SIPMessage(
            startLine: .request(method: "OPTIONS", uri: targetURI),
            headers: [
                .init(name: "Via", value: via.description), .init(name: "Max-Forwards", value: "70"),
                .init(name: "From", value: from), .init(name: "To", value: to),
                .init(name: "Call-ID", value: callID), .init(name: "CSeq", value: cseq.description),
                .init(name: "Contact", value: contact), .init(name: "Accept", value: "application/sdp"),
                .init(name: "User-Agent", value: "netready"), .init(name: "Content-Length", value: "0"),
            ])
    }

    /// Whether `response` answers this request: same top Via branch and CSeq method (RFC 3261 17.1.3).
    public func isAnswered(by response: SIPMessage) -> Bool {
        guard response.statusCode != nil, let top = try? response.vias().first, let cseq = try? response.cseq()
        else { return false }
        return top.branch == branch && cseq.method == "OPTIONS"
    }
}

extension SIPHostPort {
    /// The host alone, IPv6 in brackets (the host part of a URI).
    var hostOnly: String { host.contains(":") ? "[\(host)]" : host }
}
