internal import COpenSSL

/// Facts about the OpenSSL library netready's TLS probes are built on.
public enum TLSLibrary {
    /// OpenSSL's own version string, e.g. "OpenSSL 3.0.17 1 Jul 2025", as loaded at run time.
    public static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
        return String(cString: text)
    }
}
