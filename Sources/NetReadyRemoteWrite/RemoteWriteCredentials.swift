import Foundation

/// How requests to the receivers authenticate, read from the environment only (never from the
/// command line, where `ps` shows it) and never logged: `NETREADY_REMOTE_WRITE_TOKEN` (a bearer
/// token) or `NETREADY_REMOTE_WRITE_USER` with `NETREADY_REMOTE_WRITE_PASSWORD` (basic auth).
package struct RemoteWriteCredentials: Sendable, CustomStringConvertible {
    /// The `Authorization` header's value; nil sends none.
    let authorization: String?
    /// Which kind, for the log: "bearer token", "basic auth" or "none".
    package let kind: String

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let token = environment["NETREADY_REMOTE_WRITE_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let user = environment["NETREADY_REMOTE_WRITE_USER"].flatMap { $0.isEmpty ? nil : $0 }
        let password = environment["NETREADY_REMOTE_WRITE_PASSWORD"]
        switch (token, user) {
        case (.some, .some):
            throw RemoteWriteConfigurationError(
                "set NETREADY_REMOTE_WRITE_TOKEN or NETREADY_REMOTE_WRITE_USER/_PASSWORD, not both")
        case (.some(let token), nil):
            authorization = "Bearer \(token)"
            kind = "bearer token"
        case (nil, .some(let user)):
            authorization = "Basic " + Data("\(user):\(password ?? "")".utf8).base64EncodedString()
            kind = "basic auth"
        case (nil, nil):
            if password != nil {
                throw RemoteWriteConfigurationError("NETREADY_REMOTE_WRITE_PASSWORD is set without NETREADY_REMOTE_WRITE_USER")
            }
            authorization = nil
            kind = "none"
        }
    }

    /// Only the kind: a credential must not reach a log through string interpolation.
    package var description: String { kind }
}
