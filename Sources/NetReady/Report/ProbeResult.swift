import Foundation

/// The result of one probe: SPEC's `targets[].probes[]`.
///
/// A blocked destination is a result, not an error: probers always return one of these, with a
/// `reason` naming how the destination failed.
package struct ProbeResult: Codable, Sendable {
    package var uri: String
    package var kind: String
    package var host: String?
    package var port: Int?
    package var transport: String?
    /// The address that was finally probed (the first one, when a name resolves to several).
    package var address: String?
    package var status: ProbeStatus
    package var reason: Reason?
    package var message: String
    package var latencyMs: LatencySummary?
    package var attempts: [Attempt]
    /// What the prober and the later stages observed, typed; encoded as `details`.
    package var observations: ProbeObservations {
        get { observationStorage.value }
        set {
            if isKnownUniquelyReferenced(&observationStorage) {
                observationStorage.value = newValue
            } else {
                observationStorage = ObservationStorage(newValue)
            }
        }
        _modify {
            if !isKnownUniquelyReferenced(&observationStorage) {
                observationStorage = ObservationStorage(observationStorage.value)
            }
            yield &observationStorage.value
        }
    }
    /// Where `observations` live: out of line, so that a result is small to hold in async frames.
    private var observationStorage = ObservationStorage()
    /// Details read back from a saved report (kept exactly as written, so a re-rendered report is byte for
    /// byte the same) or given by hand; a fresh result's come from `observations`.
    var savedDetails: [String: JSONValue]
    /// SPEC's `details` object: the saved details with the observations' keys over them.
    package var details: [String: JSONValue] {
        observations.isEmpty ? savedDetails : savedDetails.merging(observations.jsonObject) { _, observed in observed }
    }
    /// Set for a probe whose target file says `expect: blocked`.
    package var expect: String?

    package init(
        uri: String, kind: String, host: String? = nil, port: Int? = nil, transport: String? = nil,
        address: String? = nil, status: ProbeStatus, reason: Reason? = nil, message: String,
        latencyMs: LatencySummary? = nil, attempts: [Attempt] = [], details: [String: JSONValue] = [:],
        expect: String? = nil
    ) {
        self.uri = uri
        self.kind = kind
        self.host = host
        self.port = port
        self.transport = transport
        self.address = address
        self.status = status
        self.reason = reason
        self.message = message
        self.latencyMs = latencyMs
        self.attempts = attempts
        self.savedDetails = details
        self.expect = expect
    }

    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        kind = try container.decode(String.self, forKey: .kind)
        host = try container.decodeIfPresent(String.self, forKey: .host)
        port = try container.decodeIfPresent(Int.self, forKey: .port)
        transport = try container.decodeIfPresent(String.self, forKey: .transport)
        address = try container.decodeIfPresent(String.self, forKey: .address)
        status = try container.decode(ProbeStatus.self, forKey: .status)
        reason = try container.decodeIfPresent(Reason.self, forKey: .reason)
        message = try container.decode(String.self, forKey: .message)
        latencyMs = try container.decodeIfPresent(LatencySummary.self, forKey: .latencyMs)
        attempts = try container.decode([Attempt].self, forKey: .attempts)
        savedDetails = try container.decode([String: JSONValue].self, forKey: .details)
        expect = try container.decodeIfPresent(String.self, forKey: .expect)
    }

    enum CodingKeys: String, CodingKey {
        case uri, kind, host, port, transport, address, status, reason, message
        case latencyMs = "latency_ms"
        case attempts, details, expect
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encode(kind, forKey: .kind)
        try container.encode(host, forKey: .host)
        try container.encode(port, forKey: .port)
        try container.encode(transport, forKey: .transport)
        try container.encode(address, forKey: .address)
        try container.encode(status, forKey: .status)
        // SPEC: reason is null on a clean pass, so it is always present.
        try container.encode(reason, forKey: .reason)
        try container.encode(message, forKey: .message)
        try container.encode(latencyMs, forKey: .latencyMs)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(details, forKey: .details)
        try container.encodeIfPresent(expect, forKey: .expect)
    }
}

/// The result of one target (a named group of probes): SPEC's `targets[]`.
package struct TargetResult: Codable, Sendable {
    package var name: String
    package var required: Bool
    package var tags: [String]
    package var status: ProbeStatus
    package var probes: [ProbeResult]

    package init(name: String, required: Bool, tags: [String], probes: [ProbeResult]) {
        self.name = name
        self.required = required
        self.tags = tags
        self.probes = probes
        self.status = TargetResult.status(of: probes)
    }

    /// A target is as bad as its worst probe; all-skipped is skip.
    static func status(of probes: [ProbeResult]) -> ProbeStatus {
        guard let worst = probes.map(\.status).max() else { return .skip }
        if worst == .skip && probes.contains(where: { $0.status == .pass }) { return .pass }
        return worst
    }
}
