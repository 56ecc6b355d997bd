extension PathTransport {
    /// The protocol a probe URI's traffic travels over, so `netready trace` can follow the path of any
    /// destination with a port: TLS, HTTP(S), WebSocket and SIP over TCP/TLS/WS ride on TCP; RTP,
    /// STUN/TURN and SIP over UDP on UDP. `nil` for `dns:` and `icmp:`, which have no port of their own.
    package init?(carrying uri: ProbeURI) {
        switch uri.kind {
        case .tcp, .tls, .http, .https, .ws, .wss: self = .tcp
        case .udp, .rtp: self = .udp
        case .stun, .stuns, .turn, .turns, .sip, .sips:
            self = uri.transport == nil || uri.transport == .udp ? .udp : .tcp
        case .dns, .icmp: return nil
        }
    }

    /// Whether a finding means the destination itself answered: it was reached (an open port, or for UDP
    /// an ICMP port unreachable from the host), or it reset the connection (a closed TCP port).
    package static func destinationAnswered(_ finding: PathFinding) -> Bool {
        switch finding {
        case .reached, .reset: true
        case .stopsAfter, .noHopAnswered, .rejected, .beyondMaxHops, .notTraced: false
        }
    }
}
