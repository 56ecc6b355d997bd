import Foundation
import Glibc
import NetReadyPosix
import NetReadyWire
import Synchronization

/// A scripted DNS server on 127.0.0.1 (UDP) for resolver tests: each query is answered with whatever
/// datagrams `script` returns for it (none = a dropped query), so tests can craft wrong IDs and garbage.
final class LoopbackDNSResponder: Sendable {
    /// Decides the datagrams sent back for the `index`-th query received.
    typealias Script = @Sendable (_ query: DNSMessage, _ index: Int) -> [[UInt8]]

    private let server: LoopbackUDPResponder
    private let received = QueryCounter()

    var address: SocketAddress { server.address }

    /// Starts answering on a thread of its own: tests on a busy cooperative pool must not delay the answers.
    init(script: @escaping Script) throws {
        let counter = received
        server = try LoopbackUDPResponder { bytes in
            guard let query = try? DNSMessage(decoding: bytes) else { return [] }
            return script(query, counter.next())
        }
    }

    /// Queries received so far.
    var queries: Int { received.count }

    /// Stops answering, without blocking the caller.
    func stop() { server.stop() }

    /// The wire form of an answer to `query` with `records`, `code` and the header `id` (the query's by default).
    static func answer(
        _ query: DNSMessage, records: [DNSRecord] = [], code: DNSResponseCode = .noError, id: UInt16? = nil
    ) -> [UInt8] {
        let message = DNSMessage(
            header: DNSHeader(
                id: id ?? query.header.id, isResponse: true, recursionAvailable: true, responseCode: code),
            questions: query.questions, answers: records)
        return (try? message.encoded()) ?? []
    }

    /// An A record for the query's name.
    static func address(_ query: DNSMessage, _ bytes: [UInt8], ttl: UInt32 = 30) -> DNSRecord {
        DNSRecord(name: query.questions[0].name, type: .a, ttl: ttl, data: .a(bytes))
    }
}

/// Counts queries across the responder's task and the test.
final class QueryCounter: Sendable {
    private let value = Mutex(0)

    /// The number of queries counted before this one.
    func next() -> Int {
        value.withLock { count in
            defer { count += 1 }
            return count
        }
    }

    var count: Int { value.withLock { $0 } }
}
