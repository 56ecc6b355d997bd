/// Builders for the attributes netready sends, so callers never hand-assemble values.
extension STUNMessage.Attribute {
    /// USERNAME, as UTF-8.
    public static func username(_ name: String) -> Self { .init(type: Self.username, value: Array(name.utf8)) }

    /// REALM, as UTF-8 (echoed back from the server's challenge).
    public static func realm(_ text: String) -> Self { .init(type: Self.realm, value: Array(text.utf8)) }

    /// NONCE, as UTF-8 (echoed back from the server's challenge).
    public static func nonce(_ text: String) -> Self { .init(type: Self.nonce, value: Array(text.utf8)) }

    /// SOFTWARE, as UTF-8.
    public static func software(_ name: String) -> Self { .init(type: Self.software, value: Array(name.utf8)) }

    /// LIFETIME in seconds; 0 in a Refresh releases the allocation (RFC 8656 section 7).
    public static func lifetime(seconds: UInt32) -> Self {
        .init(type: Self.lifetime, value: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: seconds >> $0) })
    }

    /// REQUESTED-TRANSPORT: the protocol number and three reserved bytes. TURN allocates UDP (17).
    public static func requestedTransport(protocolNumber: UInt8 = 17) -> Self {
        .init(type: Self.requestedTransport, value: [protocolNumber, 0, 0, 0])
    }

    /// DATA: application bytes for a Send indication.
    public static func data(_ bytes: [UInt8]) -> Self { .init(type: Self.data, value: bytes) }

    /// CHANGE-REQUEST (RFC 5780).
    public static func changeRequest(_ request: STUNChangeRequest) -> Self {
        .init(type: Self.changeRequest, value: request.encoded())
    }

    /// ERROR-CODE, for responders (the loopback test servers).
    public static func errorCode(_ error: STUNErrorCode) -> Self { .init(type: Self.errorCode, value: error.encoded()) }

    /// An XOR-encoded address attribute of `type` (XOR-MAPPED-, XOR-PEER-, XOR-RELAYED-ADDRESS),
    /// masked with `transactionID`: the ID of the message it will travel in.
    public static func xorAddress(_ type: UInt16, _ address: STUNAddress, transactionID: [UInt8]) -> Self {
        .init(type: type, value: address.xorEncoded(transactionID: transactionID))
    }

    /// A plain address attribute of `type` (MAPPED-ADDRESS, OTHER-ADDRESS, RESPONSE-ORIGIN).
    public static func plainAddress(_ type: UInt16, _ address: STUNAddress) -> Self {
        .init(type: type, value: address.plainEncoded())
    }
}
