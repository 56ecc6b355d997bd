internal import CNetReadyShims
internal import COpenSSL
import Glibc
import NetReadyPosix

/// One TLS client connection over a connected, non-blocking ``Socket``: one OpenSSL `SSL`.
///
/// OpenSSL reads and writes the borrowed descriptor itself; whenever it wants to read or write, the connection
/// waits for readiness through the socket, so no thread blocks and every wait has the caller's deadline. The caller
/// keeps owning the socket and closes it after this object is gone.
public final class TLSConnection {
    let pointer: OpaquePointer
    private let socket: Socket
    private let context: TLSContext
    private let expectedName: String

    /// Prepares a client connection.
    ///
    /// - Parameters:
    ///   - socket: a connected stream socket.
    ///   - context: trust anchors and protocol limits.
    ///   - serverName: the SNI to send; nil (or an IP address) sends none.
    ///   - expectedName: the name or IP address the certificate must cover.
    ///   - alpn: protocols to offer, most preferred first; empty offers none.
    /// - Throws: ``TLSError`` when OpenSSL cannot set the connection up.
    public init(
        socket: Socket, context: TLSContext, serverName: String?, expectedName: String, alpn: [String] = []
    ) throws(TLSError) {
        guard let ssl = SSL_new(context.pointer) else { throw .connection("SSL_new failed") }
        pointer = ssl
        self.socket = socket
        self.context = context
        self.expectedName = expectedName
        guard SSL_set_fd(ssl, socket.fileDescriptor) == 1 else { throw .connection("SSL_set_fd failed") }
        if let serverName, !SocketAddress.isIPLiteral(serverName),
            CNetReadyShims_SSL_set_tlsext_host_name(ssl, serverName) != 1
        {
            throw .connection("cannot set the server name \(serverName)")
        }
        let parameters = SSL_get0_param(ssl)
        let set =
            SocketAddress.isIPLiteral(expectedName)
            ? X509_VERIFY_PARAM_set1_ip_asc(parameters, expectedName)
            : X509_VERIFY_PARAM_set1_host(parameters, expectedName, 0)
        guard set == 1 else { throw .connection("cannot check certificates for '\(expectedName)'") }
        if !alpn.isEmpty {
            let wire = alpn.flatMap { [UInt8(truncatingIfNeeded: $0.utf8.count)] + Array($0.utf8) }
            // Unlike most of OpenSSL, SSL_set_alpn_protos returns 0 on success.
            guard SSL_set_alpn_protos(ssl, wire, UInt32(wire.count)) == 0 else {
                throw .connection("cannot offer ALPN \(alpn.joined(separator: ","))")
            }
        }
    }

    deinit {
        SSL_free(pointer)
    }

    /// Runs the handshake to its end, or until `timeout` passes.
    public func handshake(timeout: Duration) async -> TLSHandshakeResult {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: timeout)
        while true {
            ERR_clear_error()
            let status = SSL_connect(pointer)
            if status == 1 {
                return .completed(sessionInfo(elapsed: clock.now - start))
            }
            let failure: (TLSHandshakeFailure.Kind, String)
            switch step(status: status) {
            case .wait(let readiness):
                switch await readiness(deadline - clock.now) {
                case .ready: continue
                case .timedOut: failure = (.timedOut, "no TLS answer before the timeout")
                case .cancelled: failure = (.cancelled, "cancelled")
                }
            case .failed(let kind, let detail):
                failure = (kind, detail)
            }
            return .failed(TLSHandshakeFailure(kind: failure.0, detail: failure.1, elapsed: clock.now - start))
        }
    }

    /// Sends a best-effort close_notify; never waits.
    public func shutdown() {
        ERR_clear_error()
        _ = SSL_shutdown(pointer)
        ERR_clear_error()
    }

    enum Step {
        case wait((Duration) async -> ReadinessResult)
        case failed(TLSHandshakeFailure.Kind, String)
    }

    /// What to do after an OpenSSL call returned `status`: wait for readiness, or give up and say why.
    func step(status: Int32) -> Step {
        let error = SSL_get_error(pointer, status)
        // Taken at once: SSL_ERROR_SYSCALL leaves the socket's errno for the caller to read.
        let code = Syscall.lastErrno
        switch error {
        case SSL_ERROR_WANT_READ:
            return .wait { [socket] in await socket.waitReadable(timeout: $0) }
        case SSL_ERROR_WANT_WRITE:
            return .wait { [socket] in await socket.waitWritable(timeout: $0) }
        case SSL_ERROR_ZERO_RETURN:
            return .failed(.closed, "the peer closed the connection (EOF)")
        case SSL_ERROR_SYSCALL:
            let queued = OpenSSLErrors.drain()
            if code == ECONNRESET || code == EPIPE {
                return .failed(.reset, "connection reset (\(IOError.name(ofErrno: code)))")
            }
            if code == 0 {
                return .failed(.closed, "the peer closed the connection (EOF)\(queued)")
            }
            return .failed(.reset, "\(IOError.name(ofErrno: code))\(queued)")
        default:
            return classify(ERR_peek_error())
        }
    }

    private func classify(_ first: UInt) -> Step {
        let reason = ERR_GET_REASON(first)
        let detail = OpenSSLErrors.drain().dropFirst(2)
        if reason == SSL_R_UNEXPECTED_EOF_WHILE_READING {
            return .failed(.closed, "the peer closed the connection (EOF)")
        }
        // Alerts from the peer are reported as SSL_AD_REASON_OFFSET + the alert number.
        if reason > SSL_AD_REASON_OFFSET {
            return .failed(.alert, String(detail))
        }
        return .failed(.protocolError, detail.isEmpty ? "TLS handshake failed" : String(detail))
    }

    private func sessionInfo(elapsed: Duration) -> TLSSessionInfo {
        let peerChain = CertificateInfo.chain(SSL_get_peer_cert_chain(pointer))
        let verifyCode = SSL_get_verify_result(pointer)
        let verified = verifyCode == Int(X509_V_OK) ? CertificateInfo.chain(SSL_get0_verified_chain(pointer)) : []
        var nameMatches = false
        if let leaf = SSL_get0_peer_certificate(pointer) {
            nameMatches =
                SocketAddress.isIPLiteral(expectedName)
                ? X509_check_ip_asc(leaf, expectedName, 0) == 1
                : X509_check_host(leaf, expectedName, 0, 0, nil) == 1
        }
        return TLSSessionInfo(
            version: SSL_get_version(pointer).map { String(cString: $0) } ?? "unknown",
            cipher: SSL_get_current_cipher(pointer).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
                ?? "unknown",
            group: group(),
            alpn: selectedALPN(),
            peerChain: peerChain,
            verifiedChain: verified,
            trust: TrustEvaluation(verifyCode: verifyCode, expectedName: expectedName, nameMatches: nameMatches),
            elapsed: elapsed
        )
    }

    private func group() -> String? {
        guard let key = CNetReadyShims_SSL_get_peer_tmp_key(pointer) else { return nil }
        defer { EVP_PKEY_free(key) }
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        if EVP_PKEY_get_group_name(key, &buffer, buffer.count, &length) == 1 {
            return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return OBJ_nid2sn(EVP_PKEY_get_id(key)).map { String(cString: $0) }
    }

    private func selectedALPN() -> String? {
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(pointer, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }
}
