import Glibc

/// Process resource limits a prober with many sockets in flight needs.
public enum ResourceLimits {
    /// The soft `RLIMIT_NOFILE` in force: how many descriptors this process may have open (`ulimit -n`).
    public static func openFileLimit() -> Int {
        var limits = rlimit()
        guard getrlimit(__rlimit_resource_t(Int32(RLIMIT_NOFILE.rawValue)), &limits) == 0 else { return Int.max }
        return limits.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limits.rlim_cur)
    }

    /// Descriptors open in this process now (entries of `/proc/self/fd`), 0 when that cannot be read. A process
    /// started by a test runner or a daemon may inherit many, and they count against the limit.
    public static func openDescriptorCount() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { $0.first == UInt8(ascii: ".") }
            if !isDot { count += 1 }
        }
        return max(0, count - 1)  // the directory being read
    }

    /// Raises the soft `RLIMIT_NOFILE` to the hard limit (capped at `/proc/sys/fs/nr_open`'s default when the hard
    /// limit is unlimited) so thousands of sockets can be open at once.
    ///
    /// - Returns: the soft limit in force afterwards (unchanged if raising failed).
    @discardableResult
    public static func raiseOpenFileLimit() -> Int {
        let resource = Int32(RLIMIT_NOFILE.rawValue)
        var limits = rlimit()
        guard (try? Syscall.run("getrlimit", { getrlimit(__rlimit_resource_t(resource), &limits) })) != nil else {
            return 0
        }
        let ceiling: rlim_t = limits.rlim_max == rlim_t.max ? 1 << 20 : limits.rlim_max
        guard limits.rlim_cur < ceiling else {
            return Int(clamping: limits.rlim_cur)
        }
        var raised = limits
        raised.rlim_cur = ceiling
        if (try? Syscall.run("setrlimit", { setrlimit(__rlimit_resource_t(resource), &raised) })) != nil {
            return Int(clamping: ceiling)
        }
        return Int(clamping: limits.rlim_cur)
    }
}
