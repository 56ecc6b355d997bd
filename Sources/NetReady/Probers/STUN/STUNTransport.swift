import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// The transport of a STUN flow: UDP, TCP, or TLS over TCP (`stuns:`).
public enum STUNTransport: String, Sendable, CaseIterable {
    case udp, tcp, tls
}
