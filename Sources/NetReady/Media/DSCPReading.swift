/// `details.media.dscp`: the code point a probe marked its datagrams with and the one the responder saw arrive
/// (nil when no responder said), with the ECN bits seen.
package struct DSCPReading: Encodable, Sendable {
    package var sent: DSCP
    package var received: DSCP?
    package var receivedECN: UInt8?
    /// Why nothing was read, when nothing was.
    package var unread: String?

    enum CodingKeys: String, CodingKey {
        case sent, received, note
        case receivedECN = "received_ecn"
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Int(sent.value), forKey: .sent)
        try container.encode(received.map { Int($0.value) }, forKey: .received)
        try container.encode(receivedECN.map(Int.init), forKey: .receivedECN)
        try container.encodeIfPresent(unread, forKey: .note)
    }

    /// The reading from what the query got back.
    init(sent: DSCP, outcome: DSCPQuery.Outcome) {
        self.sent = sent
        switch outcome {
        case .received(let byte):
            received = DSCP(trafficClass: byte)
            receivedECN = byte & 0x3
        case .unknown: unread = "the responder could not read the marking it received"
        case .echoed: unread = "the far end echoed the DSCP query unchanged: not a netready responder"
        case .silent: unread = "no answer to the DSCP query: no netready responder there, or it is filtered"
        case .local(let words): unread = "could not send the DSCP query: \(words)"
        }
    }

    /// Whether the marking changed on the way.
    var changed: Bool { received.map { $0 != sent } ?? false }

    /// `EF (46) sent, 0 received: QoS marking removed on the path`, or why the marking was not verified.
    var words: String {
        guard let received else { return "DSCP \(sent) not verified: \(unread ?? "no reading")" }
        guard changed else { return "DSCP \(sent) arrived intact" }
        let what = received.value == 0 ? "QoS marking removed on the path" : "QoS marking rewritten on the path"
        return "\(sent) sent, \(received) received: \(what)"
    }

    /// Records the reading in `result`: a changed marking turns a pass into `warn media.dscp`; the words join the
    /// message either way.
    func judge(into result: inout ProbeResult) {
        if changed && result.status == .pass {
            result.status = .warn
            result.reason = .mediaDSCP
            result.message = words + "; " + result.message
        } else {
            result.message += "; " + words
        }
    }
}
