internal import CNetReadyShims
internal import COpenSSL
import Glibc

/// The trust anchors and protocol limits of TLS client connections: one OpenSSL `SSL_CTX`.
///
/// The system trust store is always loaded (OpenSSL's default paths, which `SSL_CERT_FILE` and `SSL_CERT_DIR`
/// replace), plus each extra CA file. Certificate problems never abort a handshake: they are evaluated afterwards,
/// so a probe can name the issuer of a certificate it does not trust. Safe to share between concurrent connections.
public final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The extra CA files loaded, in order.
    public let caFiles: [String]

    /// Creates a client context for TLS 1.2 and 1.3.
    ///
    /// - Parameter caFiles: PEM files of extra trust anchors (`--ca-file`).
    /// - Throws: ``TLSError`` when OpenSSL cannot make the context or load a file.
    public init(caFiles: [String] = []) throws(TLSError) {
        _ = Self.ignoreBrokenPipes
        guard let method = TLS_client_method(), let context = SSL_CTX_new(method) else {
            throw .context("SSL_CTX_new failed")
        }
        pointer = context
        self.caFiles = caFiles
        guard CNetReadyShims_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
            throw .context("cannot set TLS 1.2 as the minimum version")
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        guard SSL_CTX_set_default_verify_paths(context) == 1 else {
            throw .context("cannot load the system trust store")
        }
        for file in caFiles where SSL_CTX_load_verify_locations(context, file, nil) != 1 {
            throw .caFile(file)
        }
    }

    deinit {
        SSL_CTX_free(pointer)
    }

    /// OpenSSL's socket BIO writes with write(2), not send(MSG_NOSIGNAL): a peer that resets mid-handshake would
    /// kill the process with SIGPIPE instead of failing the write with EPIPE. Set once, before any connection.
    private static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Where OpenSSL looks for the system trust store: `SSL_CERT_FILE` if set, else its built-in bundle path.
    public static var systemTrustFile: String {
        let variable = String(cString: X509_get_default_cert_file_env())
        if let value = getenv(variable).map({ String(cString: $0) }), !value.isEmpty { return value }
        return String(cString: X509_get_default_cert_file())
    }
}
