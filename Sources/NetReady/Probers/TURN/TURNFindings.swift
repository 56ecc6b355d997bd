import NetReadyWire

/// What a TURN session found, step by step, for ``TURNVerdict`` to judge.
struct TURNFindings: Sendable {
    /// Why the session stopped early, in SPEC's terms.
    enum Failure: Sendable {
        /// No answer to the first Allocate (`turn.timeout`).
        case timeout(String)
        /// Answers that are not valid STUN, or lack what the RFC requires (`stun.protocol`).
        case protocolError(String)
        /// The credentials were refused (`turn.auth`).
        case auth(String)
        /// The server refused the allocation or the relay did not carry data (`turn.relay`).
        case relay(String)
        /// The connection broke after it was set up; the words say how (`turn.timeout`).
        case broken(String)
    }

    /// `udp`, `tcp` or `tls`: how netready talked to the server.
    var transport = "udp"
    /// The first Allocate answer: the challenge, or the allocation when no challenge came.
    var firstAnswer: STUNMessage?
    /// Round-trip times of the answered Allocate requests.
    var allocateRoundTrips: [Duration] = []
    var realm: String?
    var software: String?
    /// The last ERROR-CODE the server sent, if any.
    var error: STUNErrorCode?
    /// Whether credentials were given on the probe.
    var credentialsGiven = false
    /// The allocation, when one was made.
    var relayed: STUNAddress?
    var mapped: STUNAddress?
    var lifetimeSeconds: UInt32?
    /// Whether the Allocate success carried a MESSAGE-INTEGRITY that verified under the key.
    var integrityVerified: Bool?
    /// The peer (netready's second socket) as the relay saw it, once data came through.
    var peer: STUNAddress?
    /// The second socket's mapped addresses learned with Binding requests.
    var peerMappings: [STUNAddress] = []
    /// Round trips through the relay: Send indication out, Data indication back.
    var relayRoundTrips: [Duration] = []
    /// How many relay round trips were tried.
    var relayRoundTripsTried = 0
    /// What the quality stream through the relay measured, when one was started.
    var stream: TURNMediaStream.Measurement?
    /// The stream when it sent at least one packet (a run stopped just before it sends none).
    var streamThatRan: TURNMediaStream.Measurement? { stream?.sentAt.isEmpty == false ? stream : nil }
    /// Whether a Refresh with LIFETIME 0 released the allocation.
    var released: Bool?
    /// What the relay check did, in order, for the message when it fails.
    var relayNotes: [String] = []
    var failure: Failure?

    /// Every address the server reflected for netready's sockets, first seen first.
    var mappedAddresses: [STUNAddress] {
        var seen: [STUNAddress] = []
        for address in [mapped].compactMap({ $0 }) + peerMappings + [peer].compactMap({ $0 })
        where !seen.contains(address) {
            seen.append(address)
        }
        return seen
    }
}
