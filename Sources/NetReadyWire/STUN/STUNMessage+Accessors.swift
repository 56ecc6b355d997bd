/// Typed readers for the attributes netready looks at. Each returns nil when the attribute is
/// absent and throws `WireError` when it is present but malformed, so a prober can tell a
/// server that left something out from one that sent garbage.
extension STUNMessage {
    /// XOR-MAPPED-ADDRESS (RFC 8489 section 14.2).
    public var xorMappedAddress: STUNAddress? { get throws(WireError) { try xorAddress(Attribute.xorMappedAddress) } }

    /// MAPPED-ADDRESS in clear (RFC 8489 section 14.1), sent by old servers and RFC 3489 peers.
    public var mappedAddress: STUNAddress? { get throws(WireError) { try plainAddress(Attribute.mappedAddress) } }

    /// OTHER-ADDRESS (RFC 5780 section 7.4): the server's alternate address and port.
    public var otherAddress: STUNAddress? { get throws(WireError) { try plainAddress(Attribute.otherAddress) } }

    /// RESPONSE-ORIGIN (RFC 5780 section 7.3): where the response was sent from.
    public var responseOrigin: STUNAddress? { get throws(WireError) { try plainAddress(Attribute.responseOrigin) } }

    /// XOR-RELAYED-ADDRESS (RFC 8656 section 18.5): the relay's transport address for this client.
    public var xorRelayedAddress: STUNAddress? {
        get throws(WireError) { try xorAddress(Attribute.xorRelayedAddress) }
    }

    /// XOR-PEER-ADDRESS (RFC 8656 section 18.3): the peer of a Send/Data indication or permission.
    public var xorPeerAddress: STUNAddress? { get throws(WireError) { try xorAddress(Attribute.xorPeerAddress) } }

    /// ERROR-CODE (RFC 8489 section 14.8).
    public var errorCode: STUNErrorCode? {
        get throws(WireError) {
            guard let value = attribute(Attribute.errorCode)?.value else { return nil }
            return try STUNErrorCode(decoding: value)
        }
    }

    /// CHANGE-REQUEST (RFC 5780 section 7.2).
    public var changeRequest: STUNChangeRequest? {
        get throws(WireError) {
            guard let value = attribute(Attribute.changeRequest)?.value else { return nil }
            return try STUNChangeRequest(decoding: value)
        }
    }

    /// LIFETIME in seconds (RFC 8656 section 18.2).
    public var lifetimeSeconds: UInt32? {
        get throws(WireError) {
            guard let value = attribute(Attribute.lifetime)?.value else { return nil }
            guard value.count == 4 else { throw .malformed("LIFETIME length \(value.count)") }
            return value.reduce(0) { $0 << 8 | UInt32($1) }
        }
    }

    /// REQUESTED-TRANSPORT's protocol number (RFC 8656 section 18.7; 17 is UDP).
    public var requestedTransport: UInt8? {
        get throws(WireError) {
            guard let value = attribute(Attribute.requestedTransport)?.value else { return nil }
            guard value.count == 4 else { throw .malformed("REQUESTED-TRANSPORT length \(value.count)") }
            return value[0]
        }
    }

    /// DATA (RFC 8656 section 18.4): the application bytes of a Send or Data indication.
    public var data: [UInt8]? { attribute(Attribute.data)?.value }

    /// REALM (RFC 8489 section 14.9), as text.
    public var realm: String? { text(Attribute.realm) }

    /// NONCE (RFC 8489 section 14.10), as text.
    public var nonce: String? { text(Attribute.nonce) }

    /// USERNAME (RFC 8489 section 14.3), as text.
    public var username: String? { text(Attribute.username) }

    /// SOFTWARE (RFC 8489 section 14.14): the agent's product name and version.
    public var software: String? { text(Attribute.software) }

    /// The first attribute of `type` read as an XOR-encoded address.
    public func xorAddress(_ type: UInt16) throws(WireError) -> STUNAddress? {
        guard let value = attribute(type)?.value else { return nil }
        return try STUNAddress(xorDecoding: value, transactionID: transactionID)
    }

    /// The first attribute of `type` read as a plain (MAPPED-ADDRESS-style) address.
    public func plainAddress(_ type: UInt16) throws(WireError) -> STUNAddress? {
        guard let value = attribute(type)?.value else { return nil }
        return try STUNAddress(plainDecoding: value)
    }

    /// The first attribute of `type` as UTF-8 text; invalid sequences become U+FFFD, never a trap.
    public func text(_ type: UInt16) -> String? {
        attribute(type).map { String(decoding: $0.value, as: UTF8.self) }
    }
}
