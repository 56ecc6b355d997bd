import NetReadyWire

extension FuzzTarget {
    /// A DNS response as the resolver and the `dns://` prober read it: decode, then everything they
    /// look at. A decoded message must re-encode (names may be rejected) and then decode to the same.
    static let dnsMessage = FuzzTarget(name: "dns-message") { bytes in
        guard let message = try? DNSMessage(decoding: bytes) else { return }
        _ = message.responseCode
        _ = message.ednsUDPPayloadSize
        for record in message.answers + message.authorities + message.additionals { _ = record.data.presentation }
        for question in message.questions { _ = question.matches(question) }
        guard let encoded = try? message.encoded() else { return }
        _ = try? DNSMessage(decoding: encoded)
    }
}
