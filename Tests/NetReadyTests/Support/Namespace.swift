import Foundation

/// A throwaway network namespace for a test: a `dummy` interface owns a /16 whose addresses
/// answer nothing, so every packet sent there vanishes (a silent drop) without leaving the namespace.
final class BlackholeNamespace {
    let name: String
    /// The prefix of the silent addresses: `10.99.` followed by two octets.
    let prefix = "10.99"

    /// Whether this process may create namespaces (root).
    static var isAvailable: Bool { getuid() == 0 }

    init() throws {
        name = "nr-test-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
        try Self.shell("ip netns add \(name)")
        try Self.shell("ip -n \(name) link set lo up")
        try Self.shell("ip -n \(name) link add nr-hole type dummy")
        try Self.shell("ip -n \(name) link set nr-hole up")
        // The interface holds .255.254 only; every other address of the /16 is routed onto a
        // link where nobody answers ARP, which the dummy driver swallows: a silent drop.
        try Self.shell("ip -n \(name) addr add 10.99.255.254/16 dev nr-hole")
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "shell", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "\(command): \(output)"])
        }
        return output
    }
}
