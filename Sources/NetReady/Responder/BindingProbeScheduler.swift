import Dispatch
import NetReadyPosix
import Synchronization

/// The responder's side of a NAT binding-lifetime measurement: a `NRBIND?` request asks for one datagram back
/// after an idle time; it is acknowledged at once and answered once more after that time, to the address and
/// port that asked, so the asker learns whether its NAT mapping survived the idle time.
///
/// Not a delayed reflector: it answers only the source of the request (which `--allow` and the rate limiter
/// already vetted), one acknowledgement and two copies of the delayed datagram per request, each as long as the request's
/// nonce; at most ``maxPending`` sends wait at any time (``maxPendingPerClient`` per client address), none
/// longer than ``maxDelay``, and all are forgotten when the responder stops.
final class BindingProbeScheduler: Sendable {
    static let requestMagic = Array("NRBIND?".utf8)
    static let answerMagic = Array("NRBIND=".utf8)
    /// The longest idle time that may be asked for (`binding-lifetime` is at most 600 s).
    static let maxDelay: Duration = .seconds(600)
    static let maxPending = 4096
    static let maxPendingPerClient = 64

    private struct State {
        var pending: [String: Int] = [:]
        var total = 0
        var stopped = false
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "netready.responder.binding")

    /// Whether `bytes` is a request: magic, 8-byte nonce, idle time in milliseconds (big-endian 32 bits).
    static func isRequest(_ bytes: [UInt8]) -> Bool { bytes.count == 19 && bytes.starts(with: requestMagic) }

    /// A request for `nonce` asking for a datagram after `delay`.
    static func request(nonce: [UInt8], delay: Duration) -> [UInt8] {
        let milliseconds = UInt32(clamping: Int(delay / .milliseconds(1)))
        return requestMagic + nonce + withUnsafeBytes(of: milliseconds.bigEndian) { Array($0) }
    }

    /// The answer to `nonce`: kind 0 acknowledges, kind 1 is the delayed datagram.
    static func answer(nonce: ArraySlice<UInt8>, kind: UInt8) -> [UInt8] { answerMagic + nonce + [kind] }

    /// Acknowledges `request` from `client` on `socket` and schedules the delayed answer; a request over the
    /// limits is acknowledged with kind 2 (refused) and nothing is scheduled.
    func handle(_ request: [UInt8], from client: SocketAddress, on socket: Socket) {
        let nonce = request[7..<15]
        let milliseconds = request[15..<19].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let delay = Duration.milliseconds(Int(milliseconds))
        let accepted = delay <= Self.maxDelay && state.withLock { state -> Bool in
            guard !state.stopped, state.total < Self.maxPending,
                state.pending[client.ip, default: 0] < Self.maxPendingPerClient
            else { return false }
            state.total += 1
            state.pending[client.ip, default: 0] += 1
            return true
        }
        _ = try? socket.send(Self.answer(nonce: nonce, kind: accepted ? 0 : 2), to: client)
        guard accepted else { return }
        let answer = Self.answer(nonce: nonce, kind: 1)
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(delay / .nanoseconds(1)))) { [self] in
            let send = state.withLock { state -> Bool in
                state.total -= 1
                state.pending[client.ip, default: 1] -= 1
                if state.pending[client.ip] == 0 { state.pending[client.ip] = nil }
                return !state.stopped
            }
            // Twice, back to back: one lost datagram would read as an expired mapping.
            if send { for _ in 0..<2 { _ = try? socket.send(answer, to: client) } }
        }
    }

    /// Forgets every pending send; call before the sockets close (a closed descriptor number may be reused).
    func stop() {
        state.withLock { $0.stopped = true }
        queue.sync {}
    }
}
