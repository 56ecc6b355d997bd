/// Which prober runs which kind of probe.
public struct ProberRegistry: Sendable {
    private var probers: [ProbeKind: any Prober]
    private let fallback: any Prober = UnavailableProber()

    /// The probers this build has.
    public static let standard = ProberRegistry(probers: [
        .tcp: TCPProber(), .udp: UDPProber(), .icmp: ICMPProber(), .rtp: RTPProber(), .dns: DNSProber(),
        .tls: TLSProber(), .ws: WebSocketProber(), .wss: WebSocketProber(), .http: HTTPProber(), .https: HTTPProber(),
        .stun: STUNProber(), .stuns: STUNProber(), .turn: TURNProber(), .turns: TURNProber(),
        .sip: SIPProber(), .sips: SIPProber(),
    ])

    public init(probers: [ProbeKind: any Prober]) {
        self.probers = probers
    }

    /// The prober for `kind`, or one that reports the check as not available.
    public func prober(for kind: ProbeKind) -> any Prober {
        probers[kind] ?? fallback
    }

    /// True when this build can really run probes of `kind`.
    public func supports(_ kind: ProbeKind) -> Bool { probers[kind] != nil }
}
