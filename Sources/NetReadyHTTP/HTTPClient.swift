internal import CCurl
import Foundation
import Synchronization

/// Runs HTTP(S) exchanges with libcurl's multi interface: one loop thread drives every transfer
/// in flight (`curl_multi_poll`), however many there are — no thread per request.
public final class HTTPClient: Sendable {
    /// The process-wide client; its loop thread starts on first use.
    public static let shared = HTTPClient()

    private struct Pending: Sendable {
        let id: UInt64
        let easy: CurlEasy
        let continuation: CheckedContinuation<HTTPExchange, Never>
    }

    /// Transfers handed over by `get` and not yet adopted by the loop thread, and transfers whose
    /// task was cancelled (a run told to stop must not wait for a hanging server's timeout).
    private final class Inbox: Sendable {
        struct State {
            var queue: [Pending] = []
            var cancelled: [UInt64] = []
            var nextID: UInt64 = 0
        }

        let state = Mutex(State())
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
        let id = pending.state.withLock { state -> UInt64 in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked under the lock, so a cancellation that came first is seen here, and one that comes
                // after finds the transfer in the queue or leaves its id for the loop thread.
                let queued = pending.state.withLock { state -> Bool in
                    if Task.isCancelled { return false }
                    state.queue.append(Pending(id: id, easy: easy, continuation: continuation))
                    return true
                }
                if queued { multi.wakeup() } else { continuation.resume(returning: Self.cancelledExchange) }
            }
        } onCancel: {
            let waiting = pending.state.withLock { state -> Pending? in
                if let index = state.queue.firstIndex(where: { $0.id == id }) { return state.queue.remove(at: index) }
                state.cancelled.append(id)
                return nil
            }
            if let waiting { waiting.continuation.resume(returning: Self.cancelledExchange) } else { multi.wakeup() }
        }
    }

    /// What a cancelled transfer reports (its task was cancelled; the result is not used for a verdict).
    private static var cancelledExchange: HTTPExchange {
        var exchange = HTTPExchange()
        exchange.failure = HTTPFailure(kind: .other, code: -1, message: "cancelled: the run was stopped")
        return exchange
    }

    /// The loop thread: adopt new transfers, drive them, hand finished ones back, wait.
    private static func loop(multi: CurlMulti, pending: Inbox) {
        var active: [UnsafeMutableRawPointer: Pending] = [:]
        while true {
            let (new, cancelled) = pending.state.withLock { state in
                defer {
                    state.queue.removeAll()
                    state.cancelled.removeAll()
                }
                return (state.queue, state.cancelled)
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
            // Ids of transfers not (or no longer) active were answered already: nothing to do for them.
            for id in cancelled {
                guard let entry = active.first(where: { $0.value.id == id }) else { continue }
                active.removeValue(forKey: entry.key)
                multi.remove(entry.value.easy)
                entry.value.continuation.resume(returning: cancelledExchange)
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
