/// Lets one `stun:` quality stream at a time run towards a server, so two probes of the same server in one run
/// never add up to more than the 50 requests/s a stream sends (the most netready sends any one STUN server).
actor STUNStreamGate {
    /// The gate every stream of the process goes through.
    static let shared = STUNStreamGate()

    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` when no other stream to `server` runs.
    nonisolated func one<T: Sendable>(towards server: String, _ body: () async -> T) async -> T {
        await enter(server)
        let value = await body()
        await leave(server)
        return value
    }

    private func enter(_ server: String) async {
        guard busy.contains(server) else {
            busy.insert(server)
            return
        }
        // The slot is handed over by `leave`, which keeps `server` busy for the resumed waiter.
        await withCheckedContinuation { waiting[server, default: []].append($0) }
    }

    private func leave(_ server: String) {
        guard var queue = waiting[server], !queue.isEmpty else {
            busy.remove(server)
            return
        }
        let next = queue.removeFirst()
        waiting[server] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
