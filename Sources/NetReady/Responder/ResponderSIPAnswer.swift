import NetReadyPosix
import NetReadyWire

/// The responder's SIP side: OPTIONS gets a 200 whose body is the request exactly as it arrived
/// (`message/sipfrag`, RFC 3420), so a `sip:` probe against a responder compares what it sent with what arrived
/// and detects any SIP ALG definitively; other requests get 405. Responses and garbage get nothing.
enum ResponderSIPAnswer {
    /// Whether `bytes` start like a SIP request: an upper-case method token, a space, then `sip:` or `sips:`.
    static func looksLikeSIPRequest(_ bytes: [UInt8]) -> Bool {
        let method = bytes.prefix { $0 >= 65 && $0 <= 90 }
        guard !method.isEmpty, method.count <= 16, bytes.count > method.count + 5 else { return false }
        let rest = bytes[method.count...].prefix(6)
        return rest.starts(with: Array(" sip:".utf8)) || rest.starts(with: Array(" sips:".utf8))
    }

    /// The answer to one request (`bytes`, exactly as received) from `client`; nil when there is nothing to answer.
    static func answer(to bytes: [UInt8], from client: SocketAddress) -> [UInt8]? {
        guard let request = try? SIPMessage(parsing: bytes), let method = request.method, method != "ACK" else {
            return nil
        }
        var headers: [SIPMessage.HeaderField] = []
        var firstVia = true
        for field in request.headers {
            switch field.canonicalName {
            case "via":
                // RFC 3261 18.2.1 and RFC 3581: the top Via says where the request came from.
                headers.append(
                    SIPMessage.HeaderField(
                        name: "Via", value: firstVia ? stamped(field.value, from: client) : field.value))
                firstVia = false
            case "from", "call-id", "cseq":
                headers.append(SIPMessage.HeaderField(name: field.name, value: field.value))
            case "to":
                let tagged = field.value.lowercased().contains(";tag=") ? field.value : field.value + ";tag=nrresp"
                headers.append(SIPMessage.HeaderField(name: field.name, value: tagged))
            default: continue
            }
        }
        headers.append(SIPMessage.HeaderField(name: "Server", value: "netready responder"))
        guard method == "OPTIONS" else {
            headers.append(SIPMessage.HeaderField(name: "Allow", value: "OPTIONS"))
            return SIPMessage(startLine: .response(status: 405, reasonPhrase: "Method Not Allowed"), headers: headers)
                .serialized()
        }
        headers.append(SIPMessage.HeaderField(name: "Accept", value: "application/sdp"))
        headers.append(SIPMessage.HeaderField(name: "Content-Type", value: "message/sipfrag"))
        return SIPMessage(startLine: .response(status: 200, reasonPhrase: "OK"), headers: headers, body: bytes)
            .serialized()
    }

    /// A Via value with `received=` and `rport=` naming `client` (an existing `rport` without a value is filled).
    static func stamped(_ via: String, from client: SocketAddress) -> String {
        let pieces = via.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        var kept = pieces.filter {
            let name = $0.trimmingPrefix(" ").lowercased()
            return !name.hasPrefix("received") && !name.hasPrefix("rport")
        }
        kept.append("received=\(client.ip)")
        kept.append("rport=\(client.port)")
        return kept.joined(separator: ";")
    }
}
