internal import COpenSSL
import Foundation

extension HTTPFailure {
    /// The socket error behind a failure (`CURLINFO_OS_ERRNO`), by name.
    public enum SocketProblem: Sendable, Equatable {
        /// `ECONNREFUSED`: the destination (or a firewall for it) answered with a reset.
        case refused
        /// `ETIMEDOUT`: the kernel gave up on the connection.
        case timedOut
        /// `ECONNRESET`: the peer reset an established connection.
        case reset
        /// No socket error, or another one.
        case other
    }

    /// The socket error of this failure, by name.
    public var socketProblem: SocketProblem {
        switch osErrno {
        case ECONNREFUSED: .refused
        case ETIMEDOUT: .timedOut
        case ECONNRESET: .reset
        default: .other
        }
    }
}

extension HTTPExchange {
    /// libcurl's certificate verification result (`CURLINFO_SSL_VERIFYRESULT`, OpenSSL's `X509_V_ERR_*`), by name.
    public enum CertificateProblem: Sendable, Equatable {
        /// `X509_V_ERR_CERT_HAS_EXPIRED`.
        case expired
        /// `X509_V_ERR_HOSTNAME_MISMATCH`: the certificate does not cover the host name.
        case hostnameMismatch
        /// The issuer could not be found or trusted: `X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT`,
        /// `X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN`, `X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY`,
        /// `X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE`.
        case untrustedIssuer
        /// Another verification error.
        case other
    }

    /// The certificate problem libcurl's verification reported; nil when it reported none (`X509_V_OK`).
    public var certificateProblem: CertificateProblem? {
        switch Int32(truncatingIfNeeded: tlsVerifyResult) {
        case X509_V_OK: nil
        case X509_V_ERR_CERT_HAS_EXPIRED: .expired
        case X509_V_ERR_HOSTNAME_MISMATCH: .hostnameMismatch
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            .untrustedIssuer
        default: .other
        }
    }
}
