internal import COpenSSL

/// A TLS setup error netready cannot turn into a probe result: an unreadable CA file, no memory for a context.
public struct TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case context, caFile, connection, io, closed, timedOut
    }

    private let code: Code
    /// What failed, with OpenSSL's own words when it gave any.
    public let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `SSL_CTX_new` or its configuration failed.
    static func context(_ detail: String) -> TLSError { TLSError(.context, detail + OpenSSLErrors.drain()) }
    /// A `--ca-file` / `SSL_CERT_FILE` could not be loaded.
    static func caFile(_ path: String) -> TLSError {
        TLSError(.caFile, "cannot load CA file \(path)" + OpenSSLErrors.drain())
    }
    /// `SSL_new` or its configuration failed.
    static func connection(_ detail: String) -> TLSError { TLSError(.connection, detail + OpenSSLErrors.drain()) }
    /// Reading or writing application data failed.
    static func io(_ detail: String) -> TLSError { TLSError(.io, detail) }
    /// The peer closed the connection.
    static let closed = TLSError(.closed, "the peer closed the connection")
    /// The deadline passed before the peer answered.
    static let timedOut = TLSError(.timedOut, "no answer before the timeout")

    /// True when the peer closed the connection.
    public var isClosed: Bool { code == .closed }
    /// True when the deadline passed first.
    public var isTimeout: Bool { code == .timedOut }

    /// A short, stable text safe for metric labels: `"caFile"`.
    public var shortDescription: String { code.rawValue }

    public var description: String { detail }
}

/// OpenSSL's thread-local error queue, read into words.
enum OpenSSLErrors {
    /// Empties the queue; `": reason; reason"`, or "" when it was empty.
    static func drain() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            reasons.append(text(code))
        }
        return reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")
    }

    /// `"sslv3 alert handshake failure"` for an error code.
    static func text(_ code: UInt) -> String {
        if let reason = ERR_reason_error_string(code) { return String(cString: reason) }
        return "OpenSSL error \(String(code, radix: 16))"
    }
}
