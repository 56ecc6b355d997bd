import Foundation
import NetReadyPosix
import NetReadyTLS
import Synchronization

/// What one TLS attempt (TCP connect, then handshake) found.
enum TLSAttemptOutcome: Sendable {
    /// TCP did not connect; the `tcp.*` state says how.
    case tcp(TCPConnectObservation)
    /// The handshake completed or failed after a TCP connect that took `connect`.
    case handshake(connect: Duration, TLSHandshakeResult)
    /// netready could not set the attempt up (bad CA file, no memory); the words say why.
    case local(String)
    /// The run stopped before this attempt.
    case notRun

    /// The short word for the `attempts[]` outcome.
    var word: String {
        switch self {
        case .tcp(let observation): "tcp-" + observation.state.rawValue
        case .handshake(_, .completed): "handshake"
        case .handshake(_, .failed(let failure)): failure.kind.rawValue
        case .local: "error"
        case .notRun: "not-run"
        }
    }

    /// The session, when the handshake completed.
    var session: TLSSessionInfo? {
        if case .handshake(_, .completed(let session)) = self { return session }
        return nil
    }

    /// The TCP connect time, when TCP connected.
    var connectTime: Duration? {
        if case .handshake(let connect, _) = self { return connect }
        return nil
    }
}

/// What a TLS attempt needs besides the address: trust anchors, names, ALPN and the time allowed.
struct TLSAttemptSettings: Sendable {
    let context: TLSContext
    let serverName: String?
    let expectedName: String
    let alpn: [String]

    init(probe: PlannedProbe, context: TLSContext) {
        self.context = context
        let host = probe.uri.host
        serverName = probe.spec.sni ?? (probe.uri.hostIsIPAddress ? nil : host)
        expectedName = probe.spec.sni ?? host
        // A WebSocket upgrade is HTTP/1.1: say so, or an h2-preferring server might pick a protocol with no Upgrade.
        alpn = probe.spec.alpn.isEmpty && probe.uri.kind == .wss ? ["http/1.1"] : probe.spec.alpn
    }

    /// Connects and shakes hands once; the whole attempt, connect plus handshake, fits in `timeout`.
    func attempt(
        _ address: SocketAddress, source: SocketAddress?, interface: String?, timeout: Duration
    ) async
        -> TLSAttemptOutcome
    {
        let start = ContinuousClock.now
        let (result, socket) = await TCPConnect.open(
            to: address, source: source, interface: interface, timeout: timeout)
        guard let socket, case .connected(let connectTime) = result else {
            return .tcp(TCPConnectObservation(result))
        }
        defer { socket.close() }
        let connection: TLSConnection
        do {
            connection = try TLSConnection(
                socket: socket, context: context, serverName: serverName, expectedName: expectedName, alpn: alpn)
        } catch {
            return .local(error.description)
        }
        let outcome = await connection.handshake(timeout: timeout - (ContinuousClock.now - start))
        if case .completed = outcome { connection.shutdown() }
        return .handshake(connect: connectTime, outcome)
    }
}

/// One ``TLSContext`` per set of `--ca-file`s for the whole process: loading the system trust store costs
/// milliseconds, and a context is safe to share between concurrent handshakes.
enum TLSContextCache {
    private static let contexts = Mutex<[[String]: TLSContext]>([:])

    static func context(caFiles: [String]) throws(TLSError) -> TLSContext {
        let cached = contexts.withLock { $0[caFiles] }
        if let cached { return cached }
        let context = try TLSContext(caFiles: caFiles)
        return contexts.withLock { cache in
            if let winner = cache[caFiles] { return winner }
            cache[caFiles] = context
            return context
        }
    }
}
