import Foundation
import NetReadyTestSupport

/// A throwaway network namespace for a test where 10.99.0.0/16 answers nothing: it is routed to
/// a veth whose peer has no address, through a permanent fake neighbour, so every packet sent there
/// leaves and vanishes (a silent drop) without ever leaving the namespace.
final class BlackholeNamespace: Sendable {
    let name: String
    /// The prefix of the silent addresses: `10.99.` followed by two octets.
    let prefix = "10.99"

    /// Whether this process may create namespaces (root).
    static var isAvailable: Bool { getuid() == 0 }

    init() throws {
        name = "nr-test-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
        try Self.shell("ip netns add \(name)")
        try Self.shell("ip -n \(name) link set lo up")
        try Self.shell("ip -n \(name) link add nr-hole type veth peer name nr-sink")
        try Self.shell("ip -n \(name) link set nr-hole up")
        try Self.shell("ip -n \(name) link set nr-sink up")
        try Self.shell("ip -n \(name) addr add 10.98.0.1/24 dev nr-hole")
        try Self.shell("ip -n \(name) neigh replace 10.98.0.2 lladdr 02:00:00:00:00:02 dev nr-hole nud permanent")
        try Self.shell("ip -n \(name) route add 10.99.0.0/16 via 10.98.0.2 dev nr-hole")
    }

    deinit { try? Self.shell("ip netns del \(name)") }

    /// The i-th silent address (0-based), e.g. 10.99.0.1.
    func silentAddress(_ index: Int) -> String {
        let host = index + 1
        return "\(prefix).\(host / 256).\(host % 256)"
    }

    /// The prefix to run a command inside the namespace.
    var execPrefix: [String] { ["/usr/sbin/ip", "netns", "exec", name] }

    @discardableResult
    static func shell(_ command: String) throws -> String {
        let process = ChildProcess("/bin/sh", ["-c", command])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(
                domain: "shell", code: Int(process.terminationStatus),
                userInfo: [NSLocalizedDescriptionKey: "\(command): \(output)"])
        }
        return output
    }
}
