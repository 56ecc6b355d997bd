import Foundation
import NetReadyTestSupport

/// Waits until a server a test started (a child process) has bound its port in this network
/// namespace, as `ss` (netlink) lists it: the server's own readiness, instead of a fixed sleep that a
/// busy machine outlasts. (Not /proc/net/tcp: Foundation reads only its first 4 KB, since procfs
/// reports a size of 0, and a busy machine has more sockets than that.)
enum BoundPort {
    enum Transport: String { case udp, tcp }

    /// True when a socket is bound to `port` (for TCP: listening), over IPv4 or IPv6.
    static func isBound(_ port: UInt16, _ transport: Transport) async throws -> Bool {
        let flags = transport == .udp ? "-Hlnu" : "-Hlnt"
        let output = try await onOwnThread {
            try ChildProcess("/usr/bin/ss", [flags, "sport = :\(port)"]).runCapturing(timeoutSeconds: 30)
        }
        return !output.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Waits until `port` is bound for every transport in `transports`; throws after `timeout`, or
    /// as soon as `alive` (the server process is still running) says false.
    static func wait(
        _ port: UInt16, _ transports: [Transport], timeout: Duration = .seconds(60), alive: () -> Bool = { true }
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        for transport in transports {
            while try await !isBound(port, transport) {
                guard alive() else { throw BoundPortTimeout(port: port, timeout: .zero) }
                guard ContinuousClock.now < deadline else { throw BoundPortTimeout(port: port, timeout: timeout) }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}

extension BoundPort {
    /// Starts a server child on a port reserved for this process (`LoopbackListener.closedPort`) and
    /// waits until it has bound it. A child that exits first lost a race for the port (the kernel can
    /// hand a reserved, SO_REUSEADDR port to another test's listener, which then holds it in LISTEN),
    /// so it is started again on a new port, up to five times.
    static func start(
        _ transports: [Transport], _ makeServer: (UInt16) throws -> ChildProcess
    ) async throws -> (server: ChildProcess, port: UInt16) {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = try LoopbackListener.closedPort()
            let server = try makeServer(port)
            try server.run()
            do {
                try await wait(port, transports) { server.isRunning }
                return (server, port)
            } catch let error as BoundPortTimeout where error.timeout == .zero {
                lastError = error
            } catch {
                server.terminate()
                throw error
            }
        }
        throw lastError ?? BoundPortTimeout(port: 0, timeout: .zero)
    }
}

/// A server did not bind its port in time.
struct BoundPortTimeout: Error, CustomStringConvertible {
    let port: UInt16
    let timeout: Duration
    var description: String {
        timeout == .zero ? "the server exited before binding port \(port)" : "nothing bound port \(port) within \(timeout)"
    }
}
