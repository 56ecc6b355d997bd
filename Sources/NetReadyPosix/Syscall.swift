import Glibc

/// The one funnel every POSIX call in netready goes through.
///
/// It retries `EINTR`, reports `EAGAIN`/`EWOULDBLOCK`/`EINPROGRESS` as ``IOResult/wouldBlock`` and throws
/// ``IOError`` for anything else. This is the only file that reads `errno`.
public enum Syscall {
    /// Runs a call that returns `-1` and sets `errno` on failure, for calls that may legitimately block.
    ///
    /// - Parameters:
    ///   - call: the name used in the thrown error, e.g. `"connect"`.
    ///   - body: the system call; retried while it fails with `EINTR`.
    /// - Returns: the call's return value, or ``IOResult/wouldBlock``.
    /// - Throws: ``IOError`` for every failure except `EINTR` and the would-block codes.
    @inlinable
    public static func nonBlocking<T: FixedWidthInteger>(
        _ call: String,
        _ body: () throws(IOError) -> T
    ) throws(IOError) -> IOResult<T> {
        while true {
            let result = try body()
            if result != -1 {
                return .processed(result)
            }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK, EINPROGRESS:
                return .wouldBlock
            default:
                throw IOError(errnoCode: code, call: call)
            }
        }
    }

    /// Runs a call that returns `-1` and sets `errno` on failure, for calls that never block.
    ///
    /// Would-block codes are thrown like any other error here, because a caller that cannot wait has no use for them.
    /// - Throws: ``IOError`` for every failure except `EINTR`, which is retried.
    @inlinable
    @discardableResult
    public static func run<T: FixedWidthInteger>(
        _ call: String,
        _ body: () throws(IOError) -> T
    ) throws(IOError) -> T {
        while true {
            let result = try body()
            if result != -1 {
                return result
            }
            let code = errno
            if code == EINTR {
                continue
            }
            throw IOError(errnoCode: code, call: call)
        }
    }

    /// The current thread's `errno`, for APIs that report failure some other way (`getaddrinfo`'s `EAI_SYSTEM`).
    @inlinable
    public static var lastErrno: Int32 {
        errno
    }
}
