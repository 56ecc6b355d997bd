import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests, started with `posix_spawn` instead of Foundation's `Process`.
///
/// Two reasons. Foundation's `Process.run()` in this toolchain crashes now and then while it
/// scans /proc/self/fd (an over-read of `d_name`, swift-corelibs-foundation PR 5472), and a test
/// suite that starts hundreds of children hits it. And test-runner threads block and ignore
/// signals, which a child would inherit across exec, so `timeout(1)` could not stop what it
/// runs: here the child starts with an empty signal mask and default handlers.
public final class ChildProcess: @unchecked Sendable {
    public let executable: String
    public let arguments: [String]
    /// Where the child's standard streams go: a `Pipe` or a `FileHandle`; nil inherits ours.
    public var standardInput: Any?
    public var standardOutput: Any?
    public var standardError: Any?
    /// The child's environment; nil inherits ours.
    public var environment: [String: String]?

    private let lock = NSLock()
    private var pid: pid_t = 0
    private var exitStatus: Int32?

    public init(_ executable: String, _ arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// Starts the child.
    public func run() throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentSideToClose: [FileHandle] = []
        for (stream, target) in [
            (STDIN_FILENO, standardInput), (STDOUT_FILENO, standardOutput), (STDERR_FILENO, standardError),
        ] {
            let descriptor: Int32
            switch target {
            case let pipe as Pipe:
                let childSide = stream == STDIN_FILENO ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                descriptor = childSide.fileDescriptor
                parentSideToClose.append(childSide)
            case let handle as FileHandle:
                descriptor = handle.fileDescriptor
            default:
                continue
            }
            posix_spawn_file_actions_adddup2(&actions, descriptor, stream)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { env?.forEach { free($0) } }
        var child: pid_t = 0
        let result =
            env == nil
            ? posix_spawn(&child, executable, &actions, &attributes, argv, environ)
            : posix_spawn(&child, executable, &actions, &attributes, argv, env!)
        guard result == 0 else {
            throw NSError(
                domain: NSPOSIXErrorDomain, code: Int(result),
                userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable): \(String(cString: strerror(result)))"]
            )
        }
        lock.withLock { pid = child }
        // The parent's copies of the child's pipe ends must go, or readers never see EOF.
        for handle in parentSideToClose { try? handle.close() }
    }

    public var processIdentifier: Int32 { lock.withLock { pid } }

    /// True until the child has exited (and been reaped).
    public var isRunning: Bool {
        lock.withLock {
            guard exitStatus == nil, pid > 0 else { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus = status
                return false
            }
            return true
        }
    }

    /// Blocks until the child exits. Call it off the cooperative pool (see `onOwnThread`).
    public func waitUntilExit() {
        let child = lock.withLock { exitStatus == nil ? pid : 0 }
        guard child > 0 else { return }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        lock.withLock { if exitStatus == nil { exitStatus = status } }
    }

    /// The exit code, or the signal number when a signal ended the child (as Foundation does).
    public var terminationStatus: Int32 {
        let status = lock.withLock { exitStatus } ?? 0
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : status & 0x7F
    }

    /// True when a signal ended the child (then `terminationStatus` is the signal's number, not an exit code).
    public var wasEndedBySignal: Bool {
        let status = lock.withLock { exitStatus } ?? 0
        return status & 0x7F != 0
    }

    public func terminate() { signal(SIGTERM) }
    public func interrupt() { signal(SIGINT) }
    public func hangUp() { signal(SIGHUP) }

    private func signal(_ number: Int32) {
        let child = lock.withLock { exitStatus == nil ? pid : 0 }
        if child > 0 { kill(child, number) }
    }
}

/// Runs blocking work (waiting on a child process) on a thread of its own.
///
/// Swift Testing runs tests on the cooperative pool, which has one thread per core (two here):
/// two tests blocked in `waitUntilExit` would stall every other test's async work, and timing
/// assertions elsewhere would fail for no fault of the code under test.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}

extension ChildProcess {
    /// Runs the child to completion with standard input closed, capturing what it prints; a child
    /// still running after `timeoutSeconds` is terminated, so a hung child fails a test instead
    /// of hanging the suite. Blocks: call it through `onOwnThread`.
    public func runCapturing(timeoutSeconds: Int) throws -> (status: Int32, stdout: String, stderr: String) {
        let out = Pipe()
        let err = Pipe()
        standardOutput = out
        standardError = err
        if standardInput == nil { standardInput = FileHandle.nullDevice }
        try run()
        let watchdog = DispatchWorkItem { [self] in if isRunning { terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds), execute: watchdog)
        defer { watchdog.cancel() }
        // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
        let stderrData = Mutex(Data())
        let stderrDone = DispatchSemaphore(value: 0)
        Thread {
            stderrData.withLock { $0 = err.fileHandleForReading.readDataToEndOfFile() }
            stderrDone.signal()
        }.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        waitUntilExit()
        stderrDone.wait()
        return (
            terminationStatus, String(decoding: stdout, as: UTF8.self),
            String(decoding: stderrData.withLock { $0 }, as: UTF8.self)
        )
    }
}
