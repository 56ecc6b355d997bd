import Glibc

/// Process resource limits a prober with many sockets in flight needs.
public enum ResourceLimits {
    /// The soft `RLIMIT_NOFILE` in force: how many descriptors this process may have open (`ulimit -n`).
    public static func openFileLimit() -> Int {
        var limits = rlimit()
        guard getrlimit(__rlimit_resource_t(Int32(RLIMIT_NOFILE.rawValue)), &limits) == 0 else { return Int.max }
        return limits.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limits.rlim_cur)
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
