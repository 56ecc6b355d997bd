import NetReadyPosix
import NetReadyWire

/// What comparing an OPTIONS request with its answer says about a SIP ALG on the path.
///
/// Definitive evidence: a field of the request as the server received it (a `message/sipfrag` echo) or of the
/// response (Via, From, To, Call-ID, CSeq, which RFC 3261 8.2.6.2 has the server copy) differs from what was
/// sent. Without an echo, one inference: `received=` naming our own private address while the server has a
/// public one — across a NAT the server cannot see that address unless something rewrote the response. When the
/// server is private too, or on loopback, the same value is normal (no NAT), so it counts for nothing.
struct SIPALGFindings: Sendable {
    /// Fields that changed, response first then echo.
    var rewritten: [SIPRewrite] = []
    /// Why the verdict was reached, in words.
    var evidence: [String] = []
    /// Whether the server echoed the request (sipfrag), which makes the comparison definitive.
    var echoed = false
    /// The echoed Via sent-by when an ALG rewrote it: the NAT mapping the ALG wrote in (egress evidence).
    var rewrittenSentBy: SIPHostPort?

    /// Whether rewriting was found.
    var detected: Bool { !rewritten.isEmpty }

    /// Whether `ip` is in private, shared, link-local or loopback space: addresses a server across a NAT never sees.
    static func isPrivate(_ ip: String) -> Bool { PrivateAddressSpace.contains(ip) }

    /// Compares `answer` with its request; `server` is the address the request went to.
    init(_ answer: SIPAnswer, server: SocketAddress) {
        let request = answer.request
        if answer.response.missingBodyBytes > 0 {
            evidence.append(
                "the response's body is \(answer.response.missingBodyBytes) bytes shorter than its Content-Length: "
                    + "it was resized in transit without fixing the length")
        }
        rewritten = SIPRewriteCheck.compareResponse(answer.response, to: request)
        if !rewritten.isEmpty {
            evidence.append("the response's copies of the request headers differ from what was sent")
        }
        if let echo = SIPRewriteCheck.echoedRequest(in: answer.response) {
            echoed = true
            let changes = SIPRewriteCheck.compareEcho(echo, to: request)
            rewritten += changes.filter { !rewritten.contains($0) }
            if changes.isEmpty {
                evidence.append("the server echoed the request (message/sipfrag): it arrived as sent")
            } else {
                evidence.append("the server echoed the request (message/sipfrag): it arrived changed")
                rewrittenSentBy = changes.first { $0.header == "Via sent-by" }.flatMap {
                    try? SIPHostPort(parsing: $0.received)
                }
            }
            return
        }
        let via = (try? answer.response.vias().first { $0.branch == request.branch }) ?? nil
        if let received = via?.received, received.lowercased() == request.sentBy.host.lowercased(),
            Self.isPrivate(received), !Self.isPrivate(server.ip)
        {
            rewritten.append(
                SIPRewrite(header: "Via received", sent: "(the NAT's public address)", received: received))
            evidence.append(
                "received=\(received) is this host's own private address, yet the server \(server.ip) is public: "
                    + "across a NAT it would see the NAT's address, so something rewrote the response")
        } else if rewritten.isEmpty {
            evidence.append("no echo of the request: only the response's copies of the headers were compared")
        }
    }

    /// `Via sent-by 10.0.0.2:5060 rewritten to 203.0.113.7:5060; From ...`.
    var words: String { rewritten.map(\.description).joined(separator: "; ") }

}

extension SIPALGFindings: Encodable {
    enum CodingKeys: String, CodingKey {
        case detected, rewritten, evidence, compared
        case echoed = "echo"
    }

    enum RewriteKeys: String, CodingKey {
        case header, sent, received
    }

    /// `details.alg`.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(detected, forKey: .detected)
        var changes = container.nestedUnkeyedContainer(forKey: .rewritten)
        for change in rewritten {
            var entry = changes.nestedContainer(keyedBy: RewriteKeys.self)
            try entry.encode(change.header, forKey: .header)
            try entry.encode(change.sent, forKey: .sent)
            try entry.encode(change.received, forKey: .received)
        }
        try container.encode(evidence, forKey: .evidence)
        try container.encode(echoed, forKey: .echoed)
        let compared = ["Via", "From", "To", "Call-ID", "CSeq"] + (echoed ? ["Request-URI", "Contact"] : [])
        try container.encode(compared, forKey: .compared)
    }
}
