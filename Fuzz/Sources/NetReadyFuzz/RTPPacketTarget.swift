import NetReadyWire

extension FuzzTarget {
    /// An RTP packet as the `rtp://` echo check reads it. A decoded packet re-encodes (without the
    /// CSRCs, extension and padding it skipped) to one that decodes to the same fields.
    static let rtpPacket = FuzzTarget(name: "rtp-packet") { bytes in
        guard let packet = try? RTPPacket(decoding: bytes) else { return }
        let again = try? RTPPacket(decoding: packet.encoded())
        fuzzInvariant(again == packet, "RTP packet does not survive a re-encode")
    }
}
