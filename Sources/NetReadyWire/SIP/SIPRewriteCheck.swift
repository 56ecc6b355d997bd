/// Compares what an OPTIONS request carried with what came back, to find a SIP ALG's rewriting.
///
/// Two views: the response headers a server copies from the request (RFC 3261 8.2.6.2: Via, From, To, Call-ID,
/// CSeq), and — when the server returns the request as it arrived in a `message/sipfrag` body (RFC 3420) — the
/// request itself. An ALG that rewrites on the way out and back on the way in hides from the first view; the
/// second shows it.
public enum SIPRewriteCheck {
    /// The request the server received, when `response` carries it as a `message/sipfrag` body.
    public static func echoedRequest(in response: SIPMessage) -> SIPMessage? {
        guard let type = response.header("content-type"),
            // prefix, not split(...)[0]: an empty `Content-Type:` splits into no pieces (found by the fuzzer).
            SIPText.trimmed(type.prefix { $0 != ";" }).lowercased() == "message/sipfrag",
            !response.body.isEmpty
        else { return nil }
        // A sipfrag may be a partial message without the blank line; complete it so the parser accepts it.
        var bytes = response.body
        if SIPStreamFramer.headEnd(in: bytes, from: 0) == nil { bytes += Array("\r\n\r\n".utf8) }
        guard let echoed = try? SIPMessage(parsing: bytes), echoed.method != nil else { return nil }
        return echoed
    }

    /// Fields of the response that differ from the request: the top Via's sent-by and transport, From (URI and
    /// tag), To (URI; the tag the server adds is ignored), Call-ID and CSeq.
    public static func compareResponse(_ response: SIPMessage, to request: SIPOptionsRequest) -> [SIPRewrite] {
        var changes: [SIPRewrite] = []
        if let top = try? response.vias().first(where: { $0.branch == request.branch }) ?? response.vias().first {
            changes += compareVia(top, to: request.via, includeParameters: false)
        }
        changes += compareNameAddress("From", received: response.values("from").first, sent: request.from, tag: true)
        changes += compareNameAddress("To", received: response.values("to").first, sent: request.to, tag: false)
        changes += compareText("Call-ID", received: response.callID, sent: request.callID)
        changes += compareText("CSeq", received: response.header("cseq"), sent: request.cseq.description)
        return changes
    }

    /// Fields of the request as the server received it that differ from the request as sent: Request-URI, the
    /// Via with our branch (sent-by, transport, parameters), From, To, Call-ID, CSeq and Contact.
    public static func compareEcho(_ echo: SIPMessage, to request: SIPOptionsRequest) -> [SIPRewrite] {
        var changes: [SIPRewrite] = []
        if case .request(_, let uri) = echo.startLine {
            changes += compareText("Request-URI", received: uri, sent: request.targetURI)
        }
        let vias = (try? echo.vias()) ?? []
        if let ours = vias.first(where: { $0.branch == request.branch }) {
            changes += compareVia(ours, to: request.via, includeParameters: true)
        } else {
            let seen = echo.values("via").first ?? "no Via"
            changes.append(SIPRewrite(header: "Via", sent: request.via.description, received: seen))
        }
        changes += compareNameAddress("From", received: echo.values("from").first, sent: request.from, tag: true)
        changes += compareNameAddress("To", received: echo.values("to").first, sent: request.to, tag: true)
        changes += compareText("Call-ID", received: echo.callID, sent: request.callID)
        changes += compareText("CSeq", received: echo.header("cseq"), sent: request.cseq.description)
        changes += compareNameAddress(
            "Contact", received: echo.values("contact").first, sent: request.contact, tag: true)
        return changes
    }

    private static func compareVia(_ seen: SIPVia, to sent: SIPVia, includeParameters: Bool) -> [SIPRewrite] {
        var changes: [SIPRewrite] = []
        if !seen.sentBy.sameAs(sent.sentBy) {
            changes.append(SIPRewrite(header: "Via sent-by", sent: "\(sent.sentBy)", received: "\(seen.sentBy)"))
        }
        if seen.transport != sent.transport {
            changes.append(SIPRewrite(header: "Via transport", sent: sent.transport, received: seen.transport))
        }
        if includeParameters {
            let sentText = sent.parameters.map(\.text).joined()
            let seenText = seen.parameters.map(\.text).joined()
            if sentText.lowercased() != seenText.lowercased() {
                changes.append(SIPRewrite(header: "Via parameters", sent: sentText, received: seenText))
            }
        }
        return changes
    }

    private static func compareNameAddress(
        _ header: String, received: String?, sent: String, tag: Bool
    ) -> [SIPRewrite] {
        guard let received else { return [SIPRewrite(header: header, sent: sent, received: "(missing)")] }
        guard let seenValue = try? SIPNameAddress(parsing: received), let sentValue = try? SIPNameAddress(parsing: sent)
        else {
            return compareText(header, received: received, sent: sent)
        }
        let sameURI = seenValue.uri.isEquivalent(to: sentValue.uri)
        let sameTag = !tag || seenValue.tag == sentValue.tag
        return sameURI && sameTag ? [] : [SIPRewrite(header: header, sent: sent, received: received)]
    }

    private static func compareText(_ header: String, received: String?, sent: String) -> [SIPRewrite] {
        let seen = received.map { SIPText.collapsedWhitespace($0) } ?? "(missing)"
        return seen == SIPText.collapsedWhitespace(sent) ? [] : [SIPRewrite(header: header, sent: sent, received: seen)]
    }
}
