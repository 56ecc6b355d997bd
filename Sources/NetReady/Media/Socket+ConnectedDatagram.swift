import NetReadyPosix

extension Socket {
    /// A UDP socket connected to `destination`, marked with `trafficClass` and bound to `source` and `interface`
    /// when given: the probe-side socket of the responder's side exchanges (DSCP query, binding lifetime).
    static func connectedDatagram(
        to destination: SocketAddress, source: SocketAddress?, interface: String?, trafficClass: UInt8? = nil
    ) throws(IOError) -> Socket {
        try Socket.open(family: destination.family, type: .datagram) { socket throws(IOError) in
            if let trafficClass { try socket.setTrafficClass(trafficClass) }
            if let interface { try socket.bind(toInterface: interface) }
            if let source { try socket.bind(to: source) }
            _ = try socket.connect(to: destination)
        }
    }
}
