internal import CCurl
import Foundation
import Synchronization

/// Runs HTTP(S) exchanges with libcurl's multi interface: one loop thread drives every transfer
/// in flight (`curl_multi_poll`), however many there are — no thread per request.
public final class HTTPClient: Sendable {
    /// The process-wide client; its loop thread starts on first use.
    public static let shared = HTTPClient()

    private struct Pending: Sendable {
        let easy: CurlEasy
        let continuation: CheckedContinuation<HTTPExchange, Never>
    }

    /// Transfers handed over by `get` and not yet adopted by the loop thread.
    private final class Inbox: Sendable {
        let queue = Mutex<[Pending]>([])
    }

    private let multi: CurlMulti
    private let pending = Inbox()

    private init() {
        // CURL_GLOBAL_ALL (SSL | WIN32): not thread-safe, so once, before any handle exists.
        curl_global_init(3)
        multi = CurlMulti()
        let thread = Thread { [multi, pending] in Self.loop(multi: multi, pending: pending) }
        thread.name = "netready-curl"
        thread.start()
    }

    /// GETs `url` (following redirects unless told not to) and reports what happened.
    public func get(_ url: String, options: HTTPRequestOptions) async -> HTTPExchange {
        guard let easy = CurlEasy(url: url, options: options) else {
            var exchange = HTTPExchange()
            exchange.failure = HTTPFailure(kind: .other, code: -1, message: "curl_easy_init failed")
            return exchange
        }
        return await withCheckedContinuation { continuation in
            pending.queue.withLock { $0.append(Pending(easy: easy, continuation: continuation)) }
            multi.wakeup()
        }
    }

    /// The loop thread: adopt new transfers, drive them, hand finished ones back, wait.
    private static func loop(multi: CurlMulti, pending: Inbox) {
        var active: [UnsafeMutableRawPointer: Pending] = [:]
        while true {
            let new = pending.queue.withLock { queue in
                let taken = queue
                queue.removeAll()
                return taken
            }
            for request in new {
                if multi.add(request.easy) {
                    active[request.easy.handle] = request
                } else {
                    var exchange = HTTPExchange()
                    exchange.failure = HTTPFailure(kind: .other, code: -1, message: "curl_multi_add_handle failed")
                    request.continuation.resume(returning: exchange)
                }
            }
            multi.perform()
            for (handle, code) in multi.finished() {
                guard let request = active.removeValue(forKey: handle) else { continue }
                multi.remove(request.easy)
                request.continuation.resume(returning: request.easy.exchange(code: code))
            }
            multi.poll(milliseconds: 1000)
        }
    }
}
