import NetReadyWire

/// The answer to a `ws://`/`wss://` upgrade request (`details.upgrade`).
package struct WebSocketObservation: Encodable, Sendable {
    package var status: Int
    package var reasonPhrase: String
    /// A 101 whose Sec-WebSocket-Accept is right.
    package var acceptValid: Bool
    package var server: String?

    enum CodingKeys: String, CodingKey {
        case upgrade
    }

    enum UpgradeKeys: String, CodingKey {
        case status, server
        case reasonPhrase = "reason_phrase"
        case acceptValid = "accept_valid"
    }

    init(_ head: HTTPResponseHead, acceptValid: Bool) {
        status = head.status
        reasonPhrase = head.reasonPhrase
        self.acceptValid = acceptValid && head.status == 101
        server = head.header("Server")
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var upgrade = container.nestedContainer(keyedBy: UpgradeKeys.self, forKey: .upgrade)
        try upgrade.encode(status, forKey: .status)
        try upgrade.encode(reasonPhrase, forKey: .reasonPhrase)
        try upgrade.encode(acceptValid, forKey: .acceptValid)
        try upgrade.encode(server, forKey: .server)
    }
}
