import Foundation

/// Waits until a server a test started (a child process) has bound its port in this network
/// namespace, read from /proc/net: the server's own readiness, instead of a fixed sleep that a
/// busy machine outlasts.
enum BoundPort {
    enum Transport: String { case udp, tcp }

    /// True when a socket is bound to `port` (for TCP: listening), over IPv4 or IPv6.
    static func isBound(_ port: UInt16, _ transport: Transport) -> Bool {
        let hexPort = String(format: "%04X", port)
        return ["", "6"].contains { suffix in
            let table = (try? String(contentsOfFile: "/proc/net/\(transport.rawValue)\(suffix)", encoding: .utf8)) ?? ""
            return table.split(separator: "\n").dropFirst().contains { line in
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                // local_address is ADDRESS:PORT in hex; TCP state 0A is LISTEN.
                guard fields.count > 3, fields[1].hasSuffix(":\(hexPort)") else { return false }
                return transport == .udp || fields[3] == "0A"
            }
        }
    }

    /// Waits until `port` is bound for every transport in `transports`; throws after `timeout`.
    static func wait(
        _ port: UInt16, _ transports: [Transport], timeout: Duration = .seconds(60)
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !transports.allSatisfy({ isBound(port, $0) }) {
            guard ContinuousClock.now < deadline else { throw BoundPortTimeout(port: port, timeout: timeout) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A server did not bind its port in time.
struct BoundPortTimeout: Error, CustomStringConvertible {
    let port: UInt16
    let timeout: Duration
    var description: String { "nothing bound port \(port) within \(timeout)" }
}
