import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// The transport of a STUN flow: UDP, TCP, or TLS over TCP (`stuns:`).
enum STUNTransport: String, Sendable, CaseIterable {
    case udp, tcp, tls
}
