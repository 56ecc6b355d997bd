import Foundation
import Glibc
import NetReadyPosix
import NetReadyTestSupport

/// Helpers shared by the POSIX tests: loopback listeners and firewall rules the test adds and removes itself.
enum TestSupport {
    /// `true` when the tests can add iptables rules (root and the binary present).
    static let canUseIptables: Bool =
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/iptables")

    /// `true` when ip6tables rules can be added too.
    static let canUseIp6tables: Bool =
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip6tables")

    /// A listening TCP socket on loopback; the caller closes it.
    static func listener(family: AddressFamily = .inet, backlog: Int32 = 16) throws -> (Socket, SocketAddress) {
        let socket = try Socket(family: family, type: .stream)
        try socket.setReuseAddress()
        try socket.bind(to: SocketAddress(ip: family == .inet ? "127.0.0.1" : "::1", port: 0))
        try socket.listen(backlog: backlog)
        return (socket, try socket.localAddress())
    }

    /// A loopback port nothing listens on (bound once to learn a free port, then released).
    static func closedPort(family: AddressFamily = .inet) throws -> SocketAddress {
        let socket = try Socket(family: family, type: .stream)
        defer { socket.close() }
        try socket.bind(to: SocketAddress(ip: family == .inet ? "127.0.0.1" : "::1", port: 0))
        return try socket.localAddress()
    }

    /// Runs a command and returns its exit status.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        // Not Foundation's Process: see ChildProcess for why.
        let process = ChildProcess(executable, arguments)
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A firewall rule inserted for the duration of one test.
    struct FirewallRule: ~Copyable {
        let binary: String
        let rule: [String]

        /// Inserts `rule` (everything after `-I`/`-D`) with `iptables -w`.
        init(binary: String = "/usr/sbin/iptables", _ rule: [String]) throws {
            self.binary = binary
            self.rule = rule
            let status = try TestSupport.run(binary, ["-w", "-I"] + rule)
            guard status == 0 else {
                throw IOError(errnoCode: EPERM, call: "\(binary) -I \(rule.joined(separator: " "))")
            }
        }

        deinit {
            _ = try? TestSupport.run(binary, ["-w", "-D"] + rule)
        }
    }
}
