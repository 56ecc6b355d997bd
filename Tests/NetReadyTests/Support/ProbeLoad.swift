import Foundation

/// Thousands of real loopback probes in one target file, for the resource-limit tests: a quarter each to a
/// listener that accepts and closes (tcp pass), a refused port (tcp.refused), a closed UDP port (ICMP port
/// unreachable: pass) and an HTTP server answering 200 (through libcurl, which holds descriptors of its own).
final class ProbeLoad {
    let path: String
    let count: Int
    private let directory: URL
    private let servers: [HostileTCPServer]

    init(probes count: Int, timeout: String = "10s") throws {
        let accepting = try HostileTCPServer(.closeOnAccept)
        let http = try HostileTCPServer(.answer(Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)))
        let closed = try LoopbackListener.closedPort()
        servers = [accepting, http]
        let uris = [
            "tcp://127.0.0.1:\(accepting.port)", "tcp://127.0.0.1:\(closed)", "udp://127.0.0.1:\(closed)",
            "http://127.0.0.1:\(http.port)/",
        ]
        // Targets of 100 probes each; a URI may repeat inside a target (only target names must be unique).
        var yaml = "name: load\ndefaults: { timeout: \(timeout), samples: 1 }\ntargets:\n"
        for target in 0..<(count + 99) / 100 {
            yaml += "  - name: load \(target)\n    probes:\n"
            for index in (target * 100)..<min(count, target * 100 + 100) { yaml += "      - \(uris[index % 4])\n" }
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nr-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("load.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        self.count = count
    }

    /// Stops the servers and removes the file.
    func stop() {
        servers.forEach { $0.stop() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every probe of a `--format json` report, and how many have each status.
    static func statuses(_ output: NetReadyBinary.Output) throws -> (probes: [[String: Any]], counts: [String: Int]) {
        let probes = try ReportProbes(output).probes
        return (probes, probes.reduce(into: [:]) { $0[$1["status"] as? String ?? "?", default: 0] += 1 })
    }
}
