import NetReadyPosix
import NetReadyWire

/// One TURN conversation over an open ``TURNChannel``: the Allocate challenge and, with
/// credentials, the long-term credential flow (RFC 8656 section 7, RFC 8489 section 9.2):
/// Allocate, the relay round trip (``runRelayCheck(_:)``), then Refresh with LIFETIME 0.
struct TURNSession {
    /// The long-term credential state: the key and the server's current realm and nonce.
    struct Authentication {
        let username: String
        var realm: String
        var nonce: String
        let key: [UInt8]
    }

    let channel: TURNChannel
    /// The server's address, for the second socket's Binding (UDP, at `peerBindingPort`).
    let server: SocketAddress
    let peerBindingPort: UInt16
    let username: String?
    /// The password; never put it into findings, messages or logs.
    let password: String?
    let timeout: Duration
    let samples: Int
    let source: SocketAddress?
    let interface: String?
    var authentication: Authentication?
    /// The quality stream to run through the allocation after the relay round trips (`duration=` with credentials).
    var stream: TURNMediaStream? = nil

    /// Runs the session; every step is bounded by `timeout`, so a silent or hostile server ends it.
    mutating func run(transport: String) async -> TURNFindings {
        var findings = TURNFindings()
        findings.transport = transport
        findings.credentialsGiven = username != nil && password != nil
        do throws(TURNChannel.Failure) {
            try await allocate(&findings)
            guard findings.failure == nil, findings.relayed != nil else { return findings }
            await runRelayCheck(&findings)
            try await release(&findings)
        } catch {
            findings.failure = findings.failure ?? Self.failure(error, step: "the TURN server", findings: findings)
        }
        return findings
    }

    // MARK: Allocate

    private mutating func allocate(_ findings: inout TURNFindings) async throws(TURNChannel.Failure) {
        let first = try await request(.allocate, authenticated: false) { _ in [.requestedTransport()] }
        findings.firstAnswer = first.message
        findings.allocateRoundTrips.append(first.roundTrip)
        findings.software = first.message.software
        findings.realm = first.message.realm
        if first.message.messageClass == .successResponse {
            // A server that allocates without asking for credentials.
            try record(first, into: &findings)
            return
        }
        guard let error = try errorCode(of: first, into: &findings) else { return }
        guard error.code == STUNErrorCode.unauthenticated else {
            findings.failure = .relay("Allocate refused with \(error.code) \(error.reason)")
            return
        }
        guard let realm = first.message.realm, let nonce = first.message.nonce else {
            findings.failure = .protocolError("the 401 answer has no REALM and NONCE (RFC 8489 section 9.2.4)")
            return
        }
        guard let username, let password else {
            try await sampleChallenges(&findings)
            return
        }
        authentication = Authentication(
            username: username, realm: realm, nonce: nonce,
            key: STUNCredentials.longTermKey(username: username, realm: realm, password: password))
        let answer = try await request(.allocate, authenticated: true) { _ in [.requestedTransport()] }
        findings.allocateRoundTrips.append(answer.roundTrip)
        if answer.message.messageClass == .successResponse {
            try record(answer, into: &findings)
            return
        }
        guard let refusal = try errorCode(of: answer, into: &findings) else { return }
        switch refusal.code {
        case STUNErrorCode.unauthenticated, STUNErrorCode.wrongCredentials, 431:
            findings.failure = .auth(
                "the server refused the probe's username and credential with \(refusal.code) \(refusal.reason)")
        default:
            findings.failure = .relay("the authenticated Allocate was refused with \(refusal.code) \(refusal.reason)")
        }
    }

    /// More unauthenticated Allocates, for round-trip statistics when there is nothing else to do.
    private mutating func sampleChallenges(_ findings: inout TURNFindings) async throws(TURNChannel.Failure) {
        for _ in 1..<max(samples, 1) {
            let answer = try await request(.allocate, authenticated: false) { _ in [.requestedTransport()] }
            findings.allocateRoundTrips.append(answer.roundTrip)
        }
    }

    /// Reads the allocation out of an Allocate success.
    private func record(_ response: TURNChannel.Response, into findings: inout TURNFindings) throws(TURNChannel.Failure)
    {
        do {
            findings.relayed = try response.message.xorRelayedAddress
            findings.mapped = try response.message.xorMappedAddress
            findings.lifetimeSeconds = try response.message.lifetimeSeconds
        } catch {
            findings.failure = .protocolError("the Allocate success has a malformed attribute: \(error)")
            return
        }
        if let key = authentication?.key {
            let hasIntegrity = response.message.attribute(STUNMessage.Attribute.messageIntegrity) != nil
            findings.integrityVerified = hasIntegrity && STUNMessage.hasValidIntegrity(response.bytes, key: key)
            if hasIntegrity && findings.integrityVerified == false {
                findings.failure = .protocolError("the Allocate success has a MESSAGE-INTEGRITY that does not verify")
                return
            }
        }
        if findings.relayed == nil {
            findings.failure = .protocolError("the Allocate success has no XOR-RELAYED-ADDRESS")
        }
    }

    /// The ERROR-CODE of an error response; nil after recording a protocol failure when it is
    /// missing or malformed.
    private func errorCode(
        of response: TURNChannel.Response, into findings: inout TURNFindings
    ) throws(TURNChannel.Failure) -> STUNErrorCode? {
        let error: STUNErrorCode?
        do { error = try response.message.errorCode } catch {
            findings.failure = .protocolError("an error answer has a malformed ERROR-CODE: \(error)")
            return nil
        }
        guard let error else {
            findings.failure = .protocolError("an error answer has no ERROR-CODE")
            return nil
        }
        findings.error = error
        return error
    }

    // MARK: Refresh

    private mutating func release(_ findings: inout TURNFindings) async throws(TURNChannel.Failure) {
        let answer = try await request(.refresh, authenticated: authentication != nil) { _ in
            [.lifetime(seconds: 0)]
        }
        findings.released = answer.message.messageClass == .successResponse
    }

    // MARK: requests

    /// Sends a request of `method` with the attributes `build` makes for its transaction ID, plus
    /// USERNAME, REALM, NONCE and MESSAGE-INTEGRITY when `authenticated`; a 438 Stale Nonce answer
    /// is retried with the new nonce, twice at most (RFC 8489 section 9.2.5); the realm, and so
    /// the key, stay those of the first challenge.
    mutating func request(
        _ method: STUNMethod, authenticated: Bool, _ build: ([UInt8]) -> [STUNMessage.Attribute]
    ) async throws(TURNChannel.Failure) -> TURNChannel.Response {
        var retries = 0
        while true {
            var message = STUNMessage(method, .request)
            message.attributes = build(message.transactionID) + [.software("netready")]
            var key: [UInt8]?
            if authenticated, let authentication {
                message.attributes += [
                    .username(authentication.username), .realm(authentication.realm), .nonce(authentication.nonce),
                ]
                key = authentication.key
            }
            let answer = try await channel.transact(message, integrityKey: key, deadline: .now + timeout)
            guard authenticated, retries < 2, answer.message.messageClass == .errorResponse,
                (try? answer.message.errorCode)?.code == STUNErrorCode.staleNonce, let nonce = answer.message.nonce
            else { return answer }
            authentication?.nonce = nonce
            retries += 1
        }
    }

    /// A channel failure in SPEC's terms: silence is `turn.timeout` (or `stun.protocol` when
    /// only garbage came), a broken connection is `turn.timeout` with the words saying how.
    static func failure(_ error: TURNChannel.Failure, step: String, findings: TURNFindings) -> TURNFindings.Failure {
        switch error {
        case .timedOut(let invalid?):
            return .protocolError("\(step) answered only with \(invalid)")
        case .timedOut(nil):
            return findings.firstAnswer == nil
                ? .timeout("no answer from \(step)") : .timeout("\(step) stopped answering")
        case .broken(let words):
            return .broken(words)
        case .garbage(let words):
            return .protocolError("\(step) sent \(words)")
        }
    }
}
