internal import CNetReadyShims
import Dispatch
import Glibc

/// A failed `getaddrinfo`.
public struct ResolveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `EAI_*` code, e.g. `EAI_NONAME`.
    public let code: Int32
    /// The code's name, e.g. `"EAI_NONAME"`; safe for metric labels.
    public let name: String
    /// The C library's message (`gai_strerror`), with the `errno` text for `EAI_SYSTEM`.
    public let message: String
    /// The name that was looked up.
    public let host: String

    /// Creates an error from a `getaddrinfo` return code.
    public init(code: Int32, host: String, systemErrno: Int32 = 0) {
        self.code = code
        self.host = host
        self.name = CNetReadyShims_gaiErrorName(code).map { String(cString: $0) } ?? "EAI \(code)"
        var message = gai_strerror(code).map { String(cString: $0) } ?? "unknown error"
        if code == EAI_SYSTEM, systemErrno != 0 {
            message += ": " + IOError(errnoCode: systemErrno, call: "getaddrinfo").description
        }
        self.message = message
    }

    /// `"resolve example.invalid: EAI_NONAME (Name or service not known)"`.
    public var description: String {
        "resolve \(host): \(name) (\(message))"
    }
}
