/// How a TLS handshake ended. A reset or a timeout is a result, not an error.
public enum TLSHandshakeResult: Sendable {
    /// The handshake finished; certificate problems, if any, are in ``TLSSessionInfo/trust``.
    case completed(TLSSessionInfo)
    /// The handshake did not finish.
    case failed(TLSHandshakeFailure)
}

/// Why a TLS handshake did not finish.
public struct TLSHandshakeFailure: Sendable, Equatable {
    /// The kind of failure, in the terms of SPEC's `tls.*` reasons.
    public enum Kind: String, Sendable, Equatable {
        /// The peer reset the connection (`ECONNRESET`, `EPIPE`).
        case reset
        /// The peer closed the connection without a TLS alert (EOF).
        case closed
        /// No answer before the deadline.
        case timedOut
        /// The peer sent a TLS alert (e.g. `protocol version`, `handshake failure`).
        case alert
        /// Anything else OpenSSL rejected: no shared version or cipher, a malformed message.
        case protocolError
        /// The task was cancelled or the socket closed under the handshake.
        case cancelled
    }

    /// The kind of failure.
    public let kind: Kind
    /// What happened, in OpenSSL's or the kernel's words: `"ECONNRESET"`, `"tlsv1 alert protocol version"`.
    public let detail: String
    /// Time from the start of the handshake to the failure.
    public let elapsed: Duration
}

/// What a completed handshake negotiated and what the peer presented.
public struct TLSSessionInfo: Sendable {
    /// `TLSv1.2` or `TLSv1.3`.
    public let version: String
    /// The cipher suite, in OpenSSL's naming: `TLS_AES_256_GCM_SHA384`, `ECDHE-ECDSA-AES128-GCM-SHA256`.
    public let cipher: String
    /// The key exchange group (`X25519`, `prime256v1`), when OpenSSL reports it.
    public let group: String?
    /// The ALPN protocol the server chose, when it chose one.
    public let alpn: String?
    /// The chain as the peer sent it, leaf first.
    public let peerChain: [CertificateInfo]
    /// The chain OpenSSL built up to a trust anchor, leaf first; empty when verification failed.
    public let verifiedChain: [CertificateInfo]
    /// How the chain and the name fared against the trust store.
    public let trust: TrustEvaluation
    /// Time from the first ClientHello byte to the finished handshake.
    public let elapsed: Duration
}
