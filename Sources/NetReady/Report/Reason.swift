/// A dotted reason code from SPEC.md (`tcp.refused`, `tls.intercepted`, ...), null on a clean pass.
///
/// A struct over a raw string rather than an enum so that a report written by a newer netready,
/// with codes this build does not know, still decodes.
package struct Reason: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    package init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    package var description: String { rawValue }

    /// The protocol family the code belongs to: `tcp` for `tcp.refused`.
    package var family: String { String(rawValue.prefix { $0 != "." }) }

    package static let dnsNXDomain = Reason("dns.nxdomain")
    package static let dnsServFail = Reason("dns.servfail")
    package static let dnsRefused = Reason("dns.refused")
    package static let dnsTimeout = Reason("dns.timeout")
    package static let dnsUnreachable = Reason("dns.unreachable")
    package static let dnsSinkhole = Reason("dns.sinkhole")
    package static let dnsProtocol = Reason("dns.protocol")
    package static let tcpRefused = Reason("tcp.refused")
    package static let tcpTimeout = Reason("tcp.timeout")
    package static let tcpUnreachable = Reason("tcp.unreachable")
    package static let tcpProhibited = Reason("tcp.prohibited")
    package static let tlsIntercepted = Reason("tls.intercepted")
    package static let tlsUntrusted = Reason("tls.untrusted")
    package static let tlsExpired = Reason("tls.expired")
    package static let tlsHostname = Reason("tls.hostname")
    package static let tlsReset = Reason("tls.reset")
    package static let tlsTimeout = Reason("tls.timeout")
    package static let tlsProtocol = Reason("tls.protocol")
    package static let httpStatus = Reason("http.status")
    package static let httpProxy = Reason("http.proxy")
    package static let httpTimeout = Reason("http.timeout")
    package static let httpProtocol = Reason("http.protocol")
    package static let httpReset = Reason("http.reset")
    package static let wsUpgrade = Reason("ws.upgrade")
    package static let stunTimeout = Reason("stun.timeout")
    package static let stunError = Reason("stun.error")
    package static let stunProtocol = Reason("stun.protocol")
    /// A STUN server that stops answering a quality stream (rate limiting), not loss on the path.
    package static let stunRateLimit = Reason("stun.rate_limit")
    package static let turnTimeout = Reason("turn.timeout")
    package static let turnAuth = Reason("turn.auth")
    package static let turnRelay = Reason("turn.relay")
    package static let sipTimeout = Reason("sip.timeout")
    package static let sipALG = Reason("sip.alg")
    package static let sipProtocol = Reason("sip.protocol")
    package static let udpFiltered = Reason("udp.filtered")
    package static let icmpTimeout = Reason("icmp.timeout")
    /// Not in SPEC's list yet (proposed): an echo answered by a router's "administratively prohibited".
    package static let icmpProhibited = Reason("icmp.prohibited")
    /// Not in SPEC's list yet (proposed): an echo answered by "host/network unreachable".
    package static let icmpUnreachable = Reason("icmp.unreachable")
    package static let mediaLoss = Reason("media.loss")
    package static let mediaJitter = Reason("media.jitter")
    package static let mediaLatency = Reason("media.latency")
    package static let mediaDSCP = Reason("media.dscp")
    package static let natBinding = Reason("nat.binding")
    package static let latencyHigh = Reason("latency.high")
    package static let expectReachable = Reason("expect.reachable")
    /// Not in SPEC's list yet (proposed): an egress address outside `--expect-egress` / `egress.expect`.
    package static let egressUnexpected = Reason("egress.unexpected")

    /// The reason in words, for the terminal table.
    package var words: String {
        Self.explanations[rawValue] ?? rawValue
    }

    /// The words for a result with this reason and `status`: a `tls.expired` that only warns is a certificate
    /// about to expire, not an expired one.
    package func words(for status: ProbeStatus) -> String {
        self == .tlsExpired && status == .warn ? "certificate expires soon" : words
    }

    private static let explanations: [String: String] = [
        "dns.nxdomain": "name does not exist (NXDOMAIN)",
        "dns.servfail": "resolver failed (SERVFAIL)",
        "dns.refused": "resolver refused the query",
        "dns.timeout": "resolver did not answer",
        "dns.unreachable": "resolver unreachable",
        "dns.sinkhole": "name resolves to a sinkhole address",
        "dns.protocol": "resolver answered garbage",
        "tcp.refused": "connection refused (TCP reset)",
        "tcp.timeout": "no answer (silently dropped)",
        "tcp.unreachable": "destination unreachable",
        "tcp.prohibited": "administratively prohibited (ICMP)",
        "tls.intercepted": "TLS intercepted by an inspection proxy",
        "tls.untrusted": "certificate not trusted",
        "tls.expired": "certificate expired",
        "tls.hostname": "certificate does not match the name",
        "tls.reset": "reset during the TLS handshake",
        "tls.timeout": "TLS handshake timed out",
        "tls.protocol": "TLS protocol error",
        "http.status": "unexpected HTTP status",
        "http.proxy": "a proxy is in the way",
        "http.timeout": "HTTP request timed out",
        "http.protocol": "not a valid HTTP answer",
        "http.reset": "connection reset after the request",
        "ws.upgrade": "WebSocket upgrade refused",
        "stun.timeout": "STUN server did not answer",
        "stun.error": "STUN server returned an error",
        "stun.protocol": "not a valid STUN answer",
        "stun.rate_limit": "STUN server rate-limited the stream",
        "turn.timeout": "TURN server did not answer",
        "turn.auth": "TURN credentials rejected",
        "turn.relay": "TURN relay did not carry data",
        "sip.timeout": "SIP server did not answer",
        "sip.alg": "SIP ALG rewrote the message",
        "sip.protocol": "not a valid SIP answer",
        "udp.filtered": "UDP blocked or dropped",
        "icmp.timeout": "no echo reply",
        "icmp.prohibited": "echo administratively prohibited",
        "icmp.unreachable": "echo destination unreachable",
        "media.loss": "media packet loss too high",
        "media.jitter": "media jitter too high",
        "media.latency": "media round trip too slow",
        "media.dscp": "QoS marking changed on the path",
        "nat.binding": "NAT UDP binding expires too soon",
        "latency.high": "latency too high",
        "expect.reachable": "reachable, but expected blocked",
        "egress.unexpected": "egress address outside the allow-list",
    ]
}
