import Logging
import NetReadyPosix
import Synchronization

/// What `--verbose` shows of the responder's clients: each client the first time it is answered, and every
/// datagram or connection refused because its address is outside `--allow`.
final class ResponderClientLog: Sendable {
    private let logger: Logger
    private let known = Mutex<Set<String>>([])

    init(logger: Logger) { self.logger = logger }

    /// Logs `client` once per transport (the set is bounded: a spoofed flood cannot grow it without end).
    func seen(_ client: SocketAddress, transport: String) {
        guard logger.logLevel <= .info else { return }
        let key = "\(transport) \(client)"
        let fresh = known.withLock { known in
            if known.count > 10_000 { known.removeAll() }
            return known.insert(key).inserted
        }
        if fresh { logger.info("client", metadata: ["from": "\(client)", "transport": "\(transport)"]) }
    }

    /// Logs one refused datagram (`bytes`) or connection (nil).
    func refused(_ client: SocketAddress, transport: String, bytes: Int?) {
        logger.info(
            "refused: outside --allow",
            metadata: ["from": "\(client)", "transport": "\(transport)", "bytes": "\(bytes.map(String.init) ?? "-")"])
    }
}
