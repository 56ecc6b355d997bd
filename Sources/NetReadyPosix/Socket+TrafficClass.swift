import Glibc

extension Socket {
    /// Marks what this socket sends with `trafficClass` (the whole byte: DSCP << 2 | ECN): `IP_TOS` for IPv4,
    /// `IPV6_TCLASS` for IPv6.
    public func setTrafficClass(_ trafficClass: UInt8) throws(IOError) {
        if family == .inet {
            try setOption(level: Int32(IPPROTO_IP), name: IP_TOS, value: Int32(trafficClass), call: "setsockopt(IP_TOS)")
        } else {
            try setOption(
                level: Int32(IPPROTO_IPV6), name: IPV6_TCLASS, value: Int32(trafficClass),
                call: "setsockopt(IPV6_TCLASS)")
        }
    }

    /// Asks the kernel to report each received datagram's TOS / traffic class (`IP_RECVTOS`, `IPV6_RECVTCLASS`):
    /// ``Datagram/trafficClass``.
    public func enableReceiveTrafficClass() throws(IOError) {
        if family == .inet {
            try setOption(level: Int32(IPPROTO_IP), name: IP_RECVTOS, value: 1, call: "setsockopt(IP_RECVTOS)")
        } else {
            try setOption(
                level: Int32(IPPROTO_IPV6), name: IPV6_RECVTCLASS, value: 1, call: "setsockopt(IPV6_RECVTCLASS)")
        }
    }

    /// The traffic class in one control message, when it is one (`IP_TOS`: one byte; `IPV6_TCLASS`: an int).
    static func trafficClass(level: Int32, type: Int32, data: UnsafeRawBufferPointer) -> UInt8? {
        if level == Int32(IPPROTO_IP) && type == IP_TOS && data.count >= 1 { return data[0] }
        if level == Int32(IPPROTO_IPV6) && type == IPV6_TCLASS && data.count >= MemoryLayout<Int32>.size {
            return UInt8(truncatingIfNeeded: data.loadUnaligned(as: Int32.self))
        }
        return nil
    }
}
