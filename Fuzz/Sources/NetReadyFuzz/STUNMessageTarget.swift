import NetReadyWire

extension FuzzTarget {
    /// The RFC 5769 short-term password: the seed corpus holds its test vectors, so mutations of
    /// them reach the HMAC comparison with a matching key.
    private static let shortTermKey = STUNCredentials.shortTermKey(password: "VOkJxbRl1RmTxUk/WvJxBt")
    private static let longTermKey = STUNCredentials.longTermKey(
        username: "\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}", realm: "example.org", password: "TheMatrIX")

    /// A STUN/TURN message as the STUN, NAT and TURN probers read it: decode (FINGERPRINT is checked
    /// there), every attribute accessor, MESSAGE-INTEGRITY under both RFC 5769 keys, and a re-encode.
    static let stunMessage = FuzzTarget(name: "stun-message") { bytes in
        _ = STUNMessage.hasValidIntegrity(bytes, key: shortTermKey)
        _ = STUNMessage.hasValidIntegrity(bytes, key: longTermKey)
        guard let message = try? STUNMessage(decoding: bytes) else { return }
        _ = try? message.xorMappedAddress
        _ = try? message.mappedAddress
        _ = try? message.otherAddress
        _ = try? message.responseOrigin
        _ = try? message.xorRelayedAddress
        _ = try? message.xorPeerAddress
        _ = try? message.errorCode
        _ = try? message.changeRequest
        _ = try? message.lifetimeSeconds
        _ = try? message.requestedTransport
        _ = message.data
        _ = (message.realm, message.nonce, message.username, message.software)
        var unsigned = message
        let trailers: Set<UInt16> = [STUNMessage.Attribute.messageIntegrity, STUNMessage.Attribute.fingerprint,
            STUNMessage.Attribute.messageIntegritySHA256]
        unsigned.attributes.removeAll { trailers.contains($0.type) }
        let signed = unsigned.encoded(integrityKey: shortTermKey, fingerprint: true)
        fuzzInvariant(STUNMessage.hasValidIntegrity(signed, key: shortTermKey), "re-signed message fails its HMAC")
    }
}
