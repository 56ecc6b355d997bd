import Foundation

/// What one probe observed, typed: a member per kind of observation, each pinning its own keys of SPEC's
/// `details` object. A probe can hold several (a `sips:` probe a TLS and a SIP observation, any probe of a
/// host name its resolution); later stages (path tracing, egress, NAT comparison, expectations) read these
/// members, never the JSON.
public struct ProbeObservations: Encodable, Sendable {
    /// `details.dns`: how the probe's host name resolved.
    public var resolution: ResolutionObservation?
    /// `tcp://` per-address or per-port outcomes.
    public var tcp: TCPObservation?
    /// `udp://` per-address and per-port outcomes.
    public var udp: UDPObservation?
    /// `details.path`: where a blocked path stops (`--trace-blocked`).
    public var path: PathTrace?
    /// `details.observed_reason`: what an `expect: blocked` probe saw.
    public var observedReason: Reason?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case dns, path
        case observedReason = "observed_reason"
    }

    /// True when nothing was observed (the result's details are `{}`).
    var isEmpty: Bool { resolution == nil && tcp == nil && udp == nil && path == nil && observedReason == nil }

    public func encode(to encoder: Encoder) throws {
        // Asked first so that an empty observation still encodes as `{}`; the kinds below add their keys
        // to the same object.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(resolution, forKey: .dns)
        try tcp?.encode(to: encoder)
        try udp?.encode(to: encoder)
        try container.encodeIfPresent(path, forKey: .path)
        try container.encodeIfPresent(observedReason, forKey: .observedReason)
    }

    /// The observations as the `details` object they encode to.
    var jsonObject: [String: JSONValue] {
        guard !isEmpty, let data = try? JSONEncoder().encode(self),
            let object = try? JSONDecoder().decode([String: JSONValue].self, from: data)
        else { return [:] }
        return object
    }
}
