internal import COpenSSL

/// The verdict of OpenSSL's chain verification and netready's own name check on a completed handshake.
///
/// The handshake never aborts on a certificate problem (`SSL_VERIFY_NONE`); OpenSSL still verifies the chain, with
/// the expected name set in the verification parameters, and keeps the first error it met. Its order is: build the
/// chain to a trust anchor, then the name, then validity periods and signatures — so an untrusted chain hides an
/// expired leaf, and a wrong name hides one too. ``nameMatches`` is checked separately, whatever the chain.
public struct TrustEvaluation: Sendable, Equatable {
    /// The broad class of ``verifyCode``.
    public enum Problem: String, Sendable, Equatable {
        /// The chain does not lead to a trusted anchor (unknown or self-signed issuer, bad signature).
        case untrustedChain
        /// A certificate of the chain has expired.
        case expired
        /// A certificate of the chain is not valid yet.
        case notYetValid
        /// The leaf does not cover the expected name.
        case hostname
        /// Any other verification error (revoked, bad purpose, path length...).
        case other
    }

    /// `X509_V_OK` (0) or an `X509_V_ERR_*` code, as `openssl s_client` prints for "Verify return code".
    public let verifyCode: Int
    /// OpenSSL's words for ``verifyCode``: `"unable to get local issuer certificate"`.
    public let verifyMessage: String
    /// The name (or IP address) the leaf was checked against.
    public let expectedName: String
    /// Whether the leaf certificate covers ``expectedName`` (`X509_check_host` / `X509_check_ip_asc`).
    public let nameMatches: Bool

    /// True when the chain verified and the name matched.
    public var isTrusted: Bool { verifyCode == Int(X509_V_OK) }

    /// The class of the verification error, nil when the chain verified.
    public var problem: Problem? {
        switch Int32(verifyCode) {
        case X509_V_OK:
            return nil
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
            X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_CERT_SIGNATURE_FAILURE, X509_V_ERR_CERT_UNTRUSTED,
            X509_V_ERR_CERT_REJECTED, X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE,
            X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
            return .untrustedChain
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return .expired
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return .notYetValid
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            return .hostname
        default:
            return .other
        }
    }

    init(verifyCode: Int, expectedName: String, nameMatches: Bool) {
        self.verifyCode = verifyCode
        self.verifyMessage =
            X509_verify_cert_error_string(verifyCode).map { String(cString: $0) }
            ?? "error \(verifyCode)"
        self.expectedName = expectedName
        self.nameMatches = nameMatches
    }
}
