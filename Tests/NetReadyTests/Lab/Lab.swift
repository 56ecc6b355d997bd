import Foundation
import NetReadyTestSupport
import Synchronization
import Testing

/// The namespace lab of Tests/Lab, for integration tests: brought up once per test process,
/// with netready and reference tools (nmap, dig, curl, openssl) run inside `nr-client`.
///
/// Lab tests need root. Outside CI they are skipped with a message when not root; in CI
/// (`CI=true`) they never skip: `LabAvailabilityTests` fails instead.
enum Lab {
    static let script = NetReadyBinary.packageRoot.appendingPathComponent("Tests/Lab/lab").path
    static let client = "nr-client"

    /// Why the lab cannot run here, or nil when it can.
    static var unavailableReason: String? {
        getuid() == 0 ? nil : "the namespace lab needs root: run the suite as root (sudo scripts/test)"
    }

    /// True when lab tests can run (root).
    static var isAvailable: Bool { unavailableReason == nil }

    private static let upResult = Mutex<Result<Void, LabError>?>(nil)

    /// Brings the lab up, once per process (`lab up` is idempotent, so a lab left up is reused).
    static func ensureUp() async throws {
        try await onOwnThread { try ensureUpBlocking() }
    }

    private static func ensureUpBlocking() throws {
        try upResult.withLock { state in
            if state == nil {
                do {
                    let output = try runBlocking(script, ["up"], timeoutSeconds: 300)
                    state =
                        output.status == 0
                        ? .success(())
                        : .failure(LabError("lab up failed (\(output.status)): \(output.stderr)\(output.stdout)"))
                } catch {
                    state = .failure(LabError("lab up could not run: \(error)"))
                }
            }
            try state!.get()
        }
    }

    /// Runs a command inside a lab namespace.
    @discardableResult
    static func exec(
        _ command: [String], in namespace: String = client, timeoutSeconds: Int = 120
    ) async throws
        -> NetReadyBinary.Output
    {
        try await ensureUp()
        return try await run("/usr/sbin/ip", ["netns", "exec", namespace] + command, timeoutSeconds: timeoutSeconds)
    }

    /// Runs the built netready inside the client namespace (the user subnet).
    static func netready(_ arguments: [String], timeoutSeconds: Int = 120) async throws -> NetReadyBinary.Output {
        try await ensureUp()
        return try await NetReadyBinary.run(
            arguments, prefix: ["/usr/sbin/ip", "netns", "exec", client], timeoutSeconds: timeoutSeconds)
    }

    /// Runs `lab SUBCOMMAND...` (delay, loss, egress).
    static func control(_ arguments: [String]) async throws {
        try await ensureUp()
        let output = try await run(script, arguments, timeoutSeconds: 60)
        guard output.status == 0 else {
            throw LabError("lab \(arguments.joined(separator: " ")) failed: \(output.stderr)")
        }
    }

    /// Waits until sockets are bound to every `address:port` in `endpoints` in a lab namespace, as
    /// `ss` lists them (`udp` or `tcp`): the readiness signal for a server a test started there,
    /// instead of a fixed sleep that a busy machine outlasts. Fails after `timeoutSeconds`.
    static func waitUntilBound(
        _ endpoints: [String], in namespace: String, proto: String = "udp", timeoutSeconds: Int = 60
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        var listed = ""
        while ContinuousClock.now < deadline {
            listed = try await exec(["ss", "-Hn", proto == "udp" ? "-ul" : "-tl"], in: namespace).stdout
            let bound = Set(listed.split(whereSeparator: \.isWhitespace).map(String.init))
            if endpoints.allSatisfy(bound.contains) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LabError("not bound after \(timeoutSeconds) s in \(namespace): \(endpoints)\n\(listed)")
    }

    /// Runs `body` with a lab knob set (`["delay", "20"]`), and sets it back (`["delay", "0"]`)
    /// whether `body` succeeds or throws, so a failing test cannot leave the lab changed for the
    /// tests after it.
    static func with<T>(
        _ setting: [String], restoring restore: [String], _ body: () async throws -> T
    ) async throws -> T {
        try await control(setting)
        let result: T
        do {
            result = try await body()
        } catch {
            try? await control(restore)
            throw error
        }
        try await control(restore)
        return result
    }

    static func run(
        _ executable: String, _ arguments: [String], timeoutSeconds: Int
    ) async throws
        -> NetReadyBinary.Output
    {
        try await onOwnThread { try runBlocking(executable, arguments, timeoutSeconds: timeoutSeconds) }
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], timeoutSeconds: Int
    ) throws
        -> NetReadyBinary.Output
    {
        let (status, stdout, stderr) = try ChildProcess(executable, arguments).runCapturing(
            timeoutSeconds: timeoutSeconds)
        return NetReadyBinary.Output(status: status, stdout: stdout, stderr: stderr)
    }
}

/// Every lab test, one at a time: the lab is shared state (the egress rotation advances with
/// every connection, delay and egress mode are switched by tests), so its suites never overlap.
/// Each lab suite has a time limit of its own (the shortest applies): this one only covers them all.
@Suite(
    .serialized, .enabled(if: Lab.isAvailable, "the namespace lab needs root (sudo scripts/test)"),
    .timeLimit(.minutes(10)))
enum LabTests {}

/// A lab that could not be brought up or driven.
struct LabError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The probes of a JSON report, flattened, for assertions.
struct ReportProbes {
    let probes: [[String: Any]]

    init(_ output: NetReadyBinary.Output) throws {
        let report = try output.json()
        let targets = report["targets"] as? [[String: Any]] ?? []
        probes = targets.flatMap { $0["probes"] as? [[String: Any]] ?? [] }
    }

    /// The probe whose URI is `uri`.
    subscript(uri: String) -> [String: Any]? { probes.first { $0["uri"] as? String == uri } }
}
