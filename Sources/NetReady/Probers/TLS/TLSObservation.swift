import Foundation
import NetReadyTLS

/// What a TLS handshake showed (`tls://`, and the TLS side of `stuns:`, `turns:`, `sips:`, `wss://`): what was
/// offered, the timings, and the session of the first completed handshake with its chain and trust verdict.
package struct TLSObservation: Encodable, Sendable {
    package var serverName: String?
    package var alpnOffered: [String]
    /// p50 of the TCP connects and of the handshakes, in milliseconds.
    package var connectMs: Double?
    package var handshakeMs: Double?
    /// The first completed handshake, nil when none completed.
    package var session: TLSSessionInfo?
    /// The trust anchors the chain was verified against (the system file and `--ca-file`s).
    package var trustStore: [String] = []
    /// The inspection product the issuer names, when TLS is intercepted.
    package var inspectionProduct: String?

    enum CodingKeys: String, CodingKey {
        case issuer, version, cipher, group, alpn, chain, verify
        case serverName = "sni"
        case alpnOffered = "alpn_offered"
        case connectMs = "connect_ms"
        case handshakeMs = "handshake_ms"
        case trustAnchor = "trust_anchor"
        case inspectionProduct = "inspection_product"
    }

    enum VerifyKeys: String, CodingKey {
        case code, message
        case expectedName = "expected_name"
        case nameMatches = "name_matches"
        case trustStore = "trust_store"
    }

    enum CertificateKeys: String, CodingKey {
        case subject, issuer, san, sha256
        case notBefore = "not_before"
        case notAfter = "not_after"
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(serverName, forKey: .serverName)
        try container.encode(alpnOffered, forKey: .alpnOffered)
        try container.encode(session?.peerChain.first?.issuer, forKey: .issuer)
        try container.encodeIfPresent(connectMs, forKey: .connectMs)
        try container.encodeIfPresent(handshakeMs, forKey: .handshakeMs)
        try container.encodeIfPresent(inspectionProduct, forKey: .inspectionProduct)
        guard let session else { return }
        try container.encode(session.version, forKey: .version)
        try container.encode(session.cipher, forKey: .cipher)
        try container.encode(session.group, forKey: .group)
        try container.encode(session.alpn, forKey: .alpn)
        var chain = container.nestedUnkeyedContainer(forKey: .chain)
        for certificate in session.peerChain {
            var entry = chain.nestedContainer(keyedBy: CertificateKeys.self)
            try entry.encode(certificate.subject, forKey: .subject)
            try entry.encode(certificate.issuer, forKey: .issuer)
            try entry.encode(certificate.subjectAltNames, forKey: .san)
            try entry.encode(certificate.notBefore.map { $0.formatted(.iso8601) }, forKey: .notBefore)
            try entry.encode(certificate.notAfter.map { $0.formatted(.iso8601) }, forKey: .notAfter)
            try entry.encode(certificate.sha256Fingerprint, forKey: .sha256)
        }
        try container.encode(session.verifiedChain.last?.subject, forKey: .trustAnchor)
        var verify = container.nestedContainer(keyedBy: VerifyKeys.self, forKey: .verify)
        try verify.encode(session.trust.verifyCode, forKey: .code)
        try verify.encode(session.trust.verifyMessage, forKey: .message)
        try verify.encode(session.trust.expectedName, forKey: .expectedName)
        try verify.encode(session.trust.nameMatches, forKey: .nameMatches)
        try verify.encode(trustStore, forKey: .trustStore)
    }
}
