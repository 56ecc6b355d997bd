internal import CNetReadyShims
import Glibc

/// A failed system call: which call, and the `errno` it failed with.
public struct IOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `errno` value, e.g. `ECONNREFUSED`.
    public let errnoCode: Int32
    /// The system call that failed, e.g. `"connect"`.
    public let call: String

    /// Creates an error for `call` failing with `errnoCode`.
    public init(errnoCode: Int32, call: String) {
        self.errnoCode = errnoCode
        self.call = call
    }

    /// The symbolic name of ``errnoCode``, e.g. `"ECONNREFUSED"`.
    public var errnoName: String {
        Self.name(ofErrno: errnoCode)
    }

    /// A short, stable text safe for metric labels: `"connect: ECONNREFUSED"`.
    public var shortDescription: String {
        "\(call): \(errnoName)"
    }

    /// `"connect: ECONNREFUSED (Connection refused)"`.
    public var description: String {
        "\(call): \(errnoName) (\(Self.message(ofErrno: errnoCode)))"
    }

    /// The symbolic name of an `errno` value (`"ECONNREFUSED"`), or `"errno N"` when unknown.
    public static func name(ofErrno code: Int32) -> String {
        if let name = CNetReadyShims_errnoName(code) {
            return String(cString: name)
        }
        return "errno \(code)"
    }

    /// The C library's message for an `errno` value (`"Connection refused"`).
    public static func message(ofErrno code: Int32) -> String {
        // strerror_r's GNU variant is not imported; strerror is thread-safe in glibc for known codes.
        guard let message = strerror(code) else {
            return "Unknown error \(code)"
        }
        return String(cString: message)
    }
}
