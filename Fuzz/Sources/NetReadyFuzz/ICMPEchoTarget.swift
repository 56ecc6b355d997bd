import NetReadyWire

extension FuzzTarget {
    /// An ICMP echo reply or error as the `icmp://` prober reads it, with and without an IPv4 header.
    static let icmpEcho = FuzzTarget(name: "icmp-echo") { bytes in
        _ = try? ICMPEcho(decoding: bytes)
        _ = try? ICMPEcho(decoding: bytes, skippingIPv4Header: true)
    }
}
