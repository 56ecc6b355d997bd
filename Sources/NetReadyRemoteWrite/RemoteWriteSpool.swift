import Foundation
import Synchronization

/// The batches a receiver has not taken yet, oldest first: in a folder (`--spool DIR`, one file
/// per run, so they survive a restart of the agent and are replayed before newer runs) or, without
/// one, in memory. Bounded: past `limit` batches the oldest is dropped and counted.
package final class RemoteWriteSpool: Sendable {
    private struct State {
        /// Sequence numbers, oldest first; the bodies are in `memory` or in files named by them.
        var queue: [UInt64] = []
        var memory: [UInt64: [UInt8]] = [:]
        var next: UInt64 = 1
        var dropped = 0
    }

    private static let suffix = ".rwbatch"
    private let directory: URL?
    private let limit: Int
    private let state: Mutex<State>

    /// - Parameter directory: the folder for this receiver's batches (created if missing); batches
    ///   left there by an earlier agent are kept and sent first. Nil keeps them in memory.
    package init(directory: URL?, limit: Int) throws {
        precondition(limit > 0)
        self.directory = directory
        self.limit = limit
        var initial = State()
        if let directory {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            initial.queue = names.compactMap { name in
                name.hasSuffix(Self.suffix) ? UInt64(name.dropLast(Self.suffix.count)) : nil
            }.sorted()
            initial.next = (initial.queue.last ?? 0) + 1
            // A write cut short by a crash left only a temporary file: it never became a batch.
            for name in names where name.hasPrefix(".tmp-") { try? FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        }
        state = Mutex(initial)
        _ = trimmed()
    }

    /// Batches waiting.
    package var count: Int { state.withLock { $0.queue.count } }

    /// Batches dropped (oldest first) because the spool was full, since start-up.
    package var dropped: Int { state.withLock { $0.dropped } }

    /// Adds a batch after every one already there.
    ///
    /// - Returns: how many old batches were dropped to make room.
    @discardableResult
    package func append(_ body: [UInt8]) -> Int {
        let id = state.withLock { state -> UInt64 in
            defer { state.next += 1 }
            return state.next
        }
        if let directory {
            // Written under a temporary name and renamed: a crash never leaves half a batch to replay.
            let temporary = directory.appendingPathComponent(".tmp-\(id)")
            do {
                try Data(body).write(to: temporary)
                try FileManager.default.moveItem(at: temporary, to: file(id))
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                state.withLock { $0.dropped += 1 }
                return 1
            }
        }
        state.withLock { state in
            state.queue.append(id)
            if directory == nil { state.memory[id] = body }
        }
        return trimmed()
    }

    /// The oldest batch, if any; it stays until `remove`.
    package func oldest() -> (id: UInt64, body: [UInt8])? {
        while let (id, body) = state.withLock({ state in state.queue.first.map { ($0, state.memory[$0]) } }) {
            if let body { return (id, body) }
            if let directory, let data = FileManager.default.contents(atPath: file(id, in: directory).path) {
                return (id, [UInt8](data))
            }
            // A file someone deleted or cannot be read: gone, and counted as dropped.
            state.withLock { state in
                if state.queue.first == id {
                    state.queue.removeFirst()
                    state.dropped += 1
                }
            }
        }
        return nil
    }

    /// Removes a batch that was delivered (or refused for good).
    package func remove(_ id: UInt64) {
        state.withLock { state in
            state.queue.removeAll { $0 == id }
            state.memory[id] = nil
        }
        if let directory { try? FileManager.default.removeItem(at: file(id, in: directory)) }
    }

    /// Drops the oldest batches past the limit.
    private func trimmed() -> Int {
        let excess = state.withLock { state -> [UInt64] in
            let over = max(0, state.queue.count - limit)
            let victims = Array(state.queue.prefix(over))
            state.queue.removeFirst(over)
            for id in victims { state.memory[id] = nil }
            state.dropped += over
            return victims
        }
        if let directory { for id in excess { try? FileManager.default.removeItem(at: file(id, in: directory)) } }
        return excess.count
    }

    private func file(_ id: UInt64) -> URL { file(id, in: directory!) }

    private func file(_ id: UInt64, in directory: URL) -> URL {
        // Zero-padded, so a listing sorts in sending order too.
        let digits = String(id)
        return directory.appendingPathComponent(String(repeating: "0", count: max(0, 20 - digits.count)) + digits + Self.suffix)
    }
}
