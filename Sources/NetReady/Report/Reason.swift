/// A dotted reason code from SPEC.md (`tcp.refused`, `tls.intercepted`, ...), null on a clean pass.
///
/// A struct over a raw string rather than an enum so that a report written by a newer netready,
/// with codes this build does not know, still decodes.
public struct Reason: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// The protocol family the code belongs to: `tcp` for `tcp.refused`.
    public var family: String { String(rawValue.prefix { $0 != "." }) }

    public static let dnsNXDomain = Reason("dns.nxdomain")
    public static let dnsServFail = Reason("dns.servfail")
    public static let dnsRefused = Reason("dns.refused")
    public static let dnsTimeout = Reason("dns.timeout")
    public static let dnsSinkhole = Reason("dns.sinkhole")
    public static let dnsProtocol = Reason("dns.protocol")
    public static let tcpRefused = Reason("tcp.refused")
    public static let tcpTimeout = Reason("tcp.timeout")
    public static let tcpUnreachable = Reason("tcp.unreachable")
    public static let tcpProhibited = Reason("tcp.prohibited")
    public static let tlsIntercepted = Reason("tls.intercepted")
    public static let tlsUntrusted = Reason("tls.untrusted")
    public static let tlsExpired = Reason("tls.expired")
    public static let tlsHostname = Reason("tls.hostname")
    public static let tlsReset = Reason("tls.reset")
    public static let tlsTimeout = Reason("tls.timeout")
    public static let tlsProtocol = Reason("tls.protocol")
    public static let httpStatus = Reason("http.status")
    public static let httpProxy = Reason("http.proxy")
    public static let httpTimeout = Reason("http.timeout")
    public static let httpProtocol = Reason("http.protocol")
    public static let httpReset = Reason("http.reset")
    public static let wsUpgrade = Reason("ws.upgrade")
    public static let stunTimeout = Reason("stun.timeout")
    public static let stunError = Reason("stun.error")
    public static let stunProtocol = Reason("stun.protocol")
    public static let turnTimeout = Reason("turn.timeout")
    public static let turnAuth = Reason("turn.auth")
    public static let turnRelay = Reason("turn.relay")
    public static let sipTimeout = Reason("sip.timeout")
    public static let sipALG = Reason("sip.alg")
    public static let sipProtocol = Reason("sip.protocol")
    public static let udpFiltered = Reason("udp.filtered")
    public static let icmpTimeout = Reason("icmp.timeout")
    /// Not in SPEC's list yet (proposed): an echo answered by a router's "administratively prohibited".
    public static let icmpProhibited = Reason("icmp.prohibited")
    /// Not in SPEC's list yet (proposed): an echo answered by "host/network unreachable".
    public static let icmpUnreachable = Reason("icmp.unreachable")
    public static let mediaLoss = Reason("media.loss")
    public static let mediaJitter = Reason("media.jitter")
    public static let mediaLatency = Reason("media.latency")
    public static let latencyHigh = Reason("latency.high")
    public static let expectReachable = Reason("expect.reachable")
    /// Not in SPEC's list yet (proposed): an egress address outside `--expect-egress` / `egress.expect`.
    public static let egressUnexpected = Reason("egress.unexpected")

    /// The reason in words, for the terminal table.
    public var words: String {
        Self.explanations[rawValue] ?? rawValue
    }

    private static let explanations: [String: String] = [
        "dns.nxdomain": "name does not exist (NXDOMAIN)",
        "dns.servfail": "resolver failed (SERVFAIL)",
        "dns.refused": "resolver refused the query",
        "dns.timeout": "resolver did not answer",
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
        "latency.high": "latency too high",
        "expect.reachable": "reachable, but expected blocked",
        "egress.unexpected": "egress address outside the allow-list",
    ]
}
