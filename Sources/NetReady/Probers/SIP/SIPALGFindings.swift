import NetReadyPosix
import NetReadyWire

/// What comparing an OPTIONS request with its answer says about a SIP ALG on the path.
///
/// Definitive evidence: a field of the request as the server received it (a `message/sipfrag` echo) or of the
/// response (Via, From, To, Call-ID, CSeq, which RFC 3261 8.2.6.2 has the server copy) differs from what was
/// sent. Without an echo, a `received=` naming this host's own address is ambiguous on its own: either nothing
/// translates between here and the server, or an ALG (nf_nat_sip, for one) rewrote the Via on the way out and
/// mapped the server's `received=` back on the way in. Address classes cannot tell the two apart (SIP trunks run
/// over carriers' private networks), so the probe leaves it open (``undetermined``) and ``SIPALGInference``
/// settles it with the run's own NAT evidence once every probe is in.
struct SIPALGFindings: Sendable {
    /// Fields that changed, response first then echo.
    var rewritten: [SIPRewrite] = []
    /// Why the verdict was reached, in words.
    var evidence: [String] = []
    /// Whether the server echoed the request (sipfrag), which makes the comparison definitive.
    var echoed = false
    /// The echoed Via sent-by when an ALG rewrote it: the NAT mapping the ALG wrote in (egress evidence).
    var rewrittenSentBy: SIPHostPort?
    /// This host's own address when the server's `received=` named it with nothing else to go on: whether an ALG
    /// hid a NAT is for the run's NAT evidence to say. Nil once settled either way.
    var ownAddressSeen: String?

    /// The words recorded while the question stays open.
    static let undeterminedWords = "undetermined: no NAT evidence in this run"

    /// Whether rewriting was found: nil when the answer alone cannot say (see ``ownAddressSeen``).
    var detected: Bool? { !rewritten.isEmpty ? true : ownAddressSeen == nil ? false : nil }

    /// Whether the run's NAT evidence is still needed to decide.
    var undetermined: Bool { detected == nil }

    /// Compares `answer` with its request; `server` is the address the request went to; `encrypted` when TLS
    /// carried it (nothing on the path can read, let alone rewrite, it).
    init(_ answer: SIPAnswer, server: SocketAddress, encrypted: Bool = false) {
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
        guard rewritten.isEmpty else { return }
        evidence.append("no echo of the request: only the response's copies of the headers were compared")
        if let own = Self.ownAddressNamed(by: answer) {
            if encrypted {
                evidence.append("received=\(own) is this host's own address; TLS hid the request from the path")
            } else if server.ip.hasPrefix("127.") || server.ip == "::1" {
                evidence.append("the server runs on this host: nothing on the path could rewrite the request")
            } else {
                ownAddressSeen = own
                evidence.append(
                    "received=\(own) is this host's own address: either nothing translates on the way to the server, "
                        + "or a SIP ALG rewrote the request and mapped the answer back")
                evidence.append(Self.undeterminedWords)
            }
        } else if let received = Self.received(answer) {
            evidence.append("the server saw \(received), not this host's address: a NAT, and no ALG mapped it back")
        }
    }

    /// The response's `received=` for our Via, when there is one.
    static func received(_ answer: SIPAnswer) -> String? {
        let via = (try? answer.response.vias().first { $0.branch == answer.request.branch }) ?? nil
        return via?.received
    }

    /// This host's own address when the server says it saw the request come from it: `received=` equal to the
    /// socket's local address (or no `received=` while the sent-by is that address, which RFC 3261 18.2.1 means).
    static func ownAddressNamed(by answer: SIPAnswer) -> String? {
        guard let local = answer.localAddress.flatMap(EgressAddressText.canonical) else { return nil }
        guard let received = received(answer) else {
            return EgressAddressText.canonical(answer.request.sentBy.host) == local ? local : nil
        }
        return EgressAddressText.canonical(received) == local ? local : nil
    }

    /// Settles an open question with the run's NAT evidence: `translated` names what showed flows from this host
    /// leaving from another address (`198.18.0.11 (sip over tcp, stun)`), nil when the run showed none.
    mutating func settle(translatedAs nat: String?, because words: String) {
        guard let own = ownAddressSeen else { return }
        evidence.removeAll { $0 == Self.undeterminedWords }
        guard let nat else {
            evidence.append(Self.undeterminedWords)
            return
        }
        rewritten.append(SIPRewrite(header: "Via received", sent: nat, received: own))
        evidence.append(words)
        ownAddressSeen = nil
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
        try container.encode(detected, forKey: .detected)  // null: undetermined
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
