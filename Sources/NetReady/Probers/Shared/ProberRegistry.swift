/// Which prober runs which kind of probe.
package struct ProberRegistry: Sendable {
    private var probers: [ProbeKind: any Prober]
    private let fallback: any Prober = UnavailableProber()

    /// The probers this build has.
    package static let standard = ProberRegistry(probers: [
        .tcp: TCPProber(), .udp: UDPProber(), .icmp: ICMPProber(), .rtp: RTPProber(), .dns: DNSProber(),
        .tls: TLSProber(), .ws: WebSocketProber(), .wss: WebSocketProber(), .http: HTTPProber(), .https: HTTPProber(),
        .stun: STUNProber(), .stuns: STUNProber(), .turn: TURNProber(), .turns: TURNProber(),
        .sip: SIPProber(), .sips: SIPProber(),
    ])

    package init(probers: [ProbeKind: any Prober]) {
        self.probers = probers
    }

    /// The prober for `kind`, or one that reports the check as not available.
    package func prober(for kind: ProbeKind) -> any Prober {
        probers[kind] ?? fallback
    }

    /// The prober for `probe`: its kind's, or, when its URI names an unset `${NAME}`, one that reports it as
    /// `skip` naming the variable.
    package func prober(for probe: PlannedProbe) -> any Prober {
        probe.spec.unsetVariables.isEmpty ? prober(for: probe.uri.kind) : UnsetVariableProber()
    }

    /// True when this build can really run probes of `kind`.
    package func supports(_ kind: ProbeKind) -> Bool { probers[kind] != nil }
}
