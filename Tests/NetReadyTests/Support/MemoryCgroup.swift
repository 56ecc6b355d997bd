import Foundation

/// A cgroup v1 memory controller group of its own for one test (`/sys/fs/cgroup/memory/nr-test-*`), with a
/// hard limit: what a container or a systemd unit with `MemoryMax=` gives netready. Not `ulimit -v`, which counts
/// address-space reservations (Swift's and glibc's arenas reserve far more than they use), not memory used.
final class MemoryCgroup {
    static let root = "/sys/fs/cgroup/memory"
    let path: String

    /// Why no group can be made here (not root, no v1 memory controller mounted), or nil when one can.
    static var unavailableBecause: String? {
        if getuid() != 0 { return "needs root to create a memory cgroup" }
        if !FileManager.default.fileExists(atPath: root + "/memory.limit_in_bytes") {
            return "no cgroup v1 memory controller mounted at \(root)"
        }
        return nil
    }

    init(limitBytes: Int) throws {
        path = "\(Self.root)/nr-test-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try write("memory.limit_in_bytes", "\(limitBytes)")
    }

    /// The prefix for `NetReadyBinary.run` that moves the shell into the group, then execs the binary there.
    var execPrefix: [String] { ["/bin/sh", "-c", "echo $$ > \(path)/cgroup.procs && exec \"$@\"", "netready"] }

    /// The group's peak use, in bytes (`memory.max_usage_in_bytes`).
    var peakBytes: Int { Int(read("memory.max_usage_in_bytes")) ?? -1 }

    /// How many processes the kernel's OOM killer ended in the group (`oom_kill` of `memory.oom_control`).
    var oomKills: Int {
        let line = read("memory.oom_control").split(separator: "\n").first { $0.hasPrefix("oom_kill ") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// Removes the group (its processes have exited).
    func remove() { rmdir(path) }

    private func read(_ file: String) -> String {
        ((try? String(contentsOfFile: "\(path)/\(file)", encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func write(_ file: String, _ value: String) throws {
        try value.write(toFile: "\(path)/\(file)", atomically: false, encoding: .utf8)
    }
}
