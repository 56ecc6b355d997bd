import Foundation
import NetReadyPosix

/// What one probe observed, typed: a member per kind of observation, each pinning its own keys of SPEC's
/// `details` object. A probe can hold several (a `sips:` probe a TLS and a SIP observation, any probe of a
/// host name its resolution); later stages (path tracing, egress, NAT comparison, expectations) read these
/// members, never the JSON.
package struct ProbeObservations: Encodable, Sendable {
    /// `details.dns`: how the probe's host name resolved.
    package var resolution: ResolutionObservation?
    /// `tcp://` per-address or per-port outcomes.
    package var tcp: TCPObservation?
    /// `udp://` per-address and per-port outcomes.
    package var udp: UDPObservation?
    /// `dns:` probes: what each resolver said.
    package var dns: DNSObservation?
    /// `icmp:` echo.
    package var icmp: ICMPObservation?
    /// `rtp://` stream quality.
    package var media: MediaObservation?
    /// `stun:`/`stuns:` Binding results.
    package var stun: STUNObservation?
    /// RFC 5780 NAT behaviour discovery of a `stun:` probe.
    package var nat: NATObservation?
    /// `turn:`/`turns:` Allocate and relay.
    package var turn: TURNObservation?
    /// `sip:`/`sips:` OPTIONS and SIP ALG findings.
    package var sip: SIPObservation?
    /// The TLS handshake of `tls://`, `stuns:`, `turns:`, `sips:` and `wss://` probes.
    package var tls: TLSObservation?
    /// http/https exchanges.
    package var http: HTTPObservation?
    /// `ws://`/`wss://` upgrade answers.
    package var webSocket: WebSocketObservation?
    /// The HTTP CONNECT tunnel a ws/wss probe went through.
    package var proxyTunnel: ProxyTunnelObservation?
    /// The `egress:expect` check.
    package var egressAllowList: EgressAllowListObservation?
    /// `details.path`: where a blocked path stops (`--trace-blocked`).
    package var path: PathTrace?
    /// `details.observed_reason`: what an `expect: blocked` probe saw.
    package var observedReason: Reason?

    package init() {}

    enum CodingKeys: String, CodingKey {
        case dns, path
        case observedReason = "observed_reason"
    }

    /// True when nothing was observed (the result's details are `{}`).
    var isEmpty: Bool {
        resolution == nil && tcp == nil && udp == nil && dns == nil && icmp == nil && media == nil && stun == nil
            && nat == nil && turn == nil && sip == nil && tls == nil && http == nil && webSocket == nil
            && proxyTunnel == nil && egressAllowList == nil && path == nil && observedReason == nil
    }

    package func encode(to encoder: Encoder) throws {
        // Asked first so that an empty observation still encodes as `{}`; the kinds below add their keys
        // to the same object.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(resolution, forKey: .dns)
        try tcp?.encode(to: encoder)
        try udp?.encode(to: encoder)
        try dns?.encode(to: encoder)
        try icmp?.encode(to: encoder)
        try media?.encode(to: encoder)
        try stun?.encode(to: encoder)
        try nat?.encode(to: encoder)
        try turn?.encode(to: encoder)
        try sip?.encode(to: encoder)
        try tls?.encode(to: encoder)
        try http?.encode(to: encoder)
        try webSocket?.encode(to: encoder)
        try proxyTunnel?.encode(to: encoder)
        try egressAllowList?.encode(to: encoder)
        try container.encodeIfPresent(path, forKey: .path)
        try container.encodeIfPresent(observedReason, forKey: .observedReason)
    }

    /// Every address a server reflected for this probe's flows (STUN, TURN, SIP): egress evidence.
    package var mappedAddresses: [SocketAddress] {
        (stun?.mappedAddresses ?? []) + (turn?.mappedAddresses.compactMap(\.socketAddress) ?? [])
            + (sip?.mappedSocketAddresses ?? [])
    }

    /// The observations as the `details` object they encode to.
    var jsonObject: [String: JSONValue] {
        guard !isEmpty, let data = try? JSONEncoder().encode(self),
            let object = try? JSONDecoder().decode([String: JSONValue].self, from: data)
        else { return [:] }
        return object
    }
}
