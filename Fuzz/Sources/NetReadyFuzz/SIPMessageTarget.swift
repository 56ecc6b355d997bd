import NetReadyWire

extension FuzzTarget {
    /// A SIP response (or an echoed request) as the `sip://` prober reads it: parse, the headers it
    /// reads, the rewrite comparison against its own OPTIONS, and a serialise/parse round trip.
    static let sipMessage = FuzzTarget(name: "sip-message") { bytes in
        guard let message = try? SIPMessage(parsing: bytes, allowingShortBody: bytes.first.map { $0 & 1 == 1 } ?? false)
        else { return }
        exerciseSIP(message)
        _ = try? SIPMessage(parsing: message.serialized(), allowingShortBody: true)
    }

    /// What the SIP prober does with a parsed message.
    static func exerciseSIP(_ message: SIPMessage) {
        _ = (message.statusCode, message.reasonPhrase, message.method, message.callID)
        _ = try? message.vias()
        for name in ["from", "to", "contact", "record-route"] { _ = try? message.nameAddress(name) }
        _ = try? message.cseq()
        _ = message.values("via")
        if let echo = SIPRewriteCheck.echoedRequest(in: message) { _ = try? echo.vias() }
    }
}
