import NetReadyPosix

#if canImport(Glibc)
import Glibc
#endif

/// What one TCP connect attempt found, in the terms of SPEC's `tcp.*` reasons.
enum TCPConnectState: String, Sendable, CaseIterable {
    case open, refused, timeout, unreachable, prohibited, localError = "error", notRun = "not-run"

    var reason: Reason? {
        switch self {
        case .open, .notRun, .localError: nil
        case .refused: .tcpRefused
        case .timeout: .tcpTimeout
        case .unreachable: .tcpUnreachable
        case .prohibited: .tcpProhibited
        }
    }

    /// Words for a state, used in messages and port summaries.
    var words: String {
        switch self {
        case .open: "open"
        case .refused: "refused"
        case .timeout: "filtered (no answer)"
        case .unreachable: "unreachable"
        case .prohibited: "prohibited"
        case .localError: "not probed (local error)"
        case .notRun: "not run"
        }
    }
}

/// One classified connect attempt.
struct TCPConnectObservation: Sendable {
    var state: TCPConnectState
    /// The connect time: the kernel's handshake RTT when it measured one, else the wall-clock time.
    var elapsed: Duration?
    /// The wall-clock connect time, when `elapsed` is the kernel's figure.
    var wallElapsed: Duration?
    /// Why, in words: "ICMP type 3 code 13 from 198.18.0.1", "ECONNREFUSED", ...
    var detail: String
    /// The address that sent an ICMP error, when one did.
    var offender: String?

    /// Classifies the POSIX layer's outcome. A reset is `refused`; an ICMP administratively
    /// prohibited (or this host's own firewall, EPERM) is `prohibited`; other ICMP errors and
    /// missing routes are `unreachable`; silence until the deadline is `timeout`.
    init(_ result: TCPConnectResult) {
        switch result {
        case .connected(let elapsed):
            self.init(state: .open, elapsed: elapsed, detail: "connected")
        case .timedOut:
            self.init(state: .timeout, elapsed: nil, detail: "no answer before the timeout")
        case .localError(let error):
            self.init(state: .localError, elapsed: nil, detail: error.description)
        case .failed(let code, let icmp, let elapsed):
            let name = TCPConnect.errnoName(code)
            if let icmp {
                let from = icmp.offender.map { " from \($0)" } ?? ""
                let words = "ICMP type \(icmp.type) code \(icmp.code)\(from)"
                if icmp.isAdministrativelyProhibited {
                    self.init(
                        state: .prohibited, elapsed: elapsed, detail: "administratively prohibited: \(words)",
                        offender: icmp.offender)
                } else if code == ECONNREFUSED {
                    self.init(
                        state: .refused, elapsed: elapsed, detail: "port unreachable: \(words)", offender: icmp.offender
                    )
                } else {
                    self.init(
                        state: .unreachable, elapsed: elapsed, detail: "\(name): \(words)", offender: icmp.offender)
                }
            } else if code == ECONNREFUSED {
                self.init(state: .refused, elapsed: elapsed, detail: "reset (RST)")
            } else if code == EPERM || code == EACCES {
                self.init(state: .prohibited, elapsed: elapsed, detail: "\(name): blocked by this host's own firewall")
            } else if code == ETIMEDOUT {
                self.init(state: .timeout, elapsed: nil, detail: "\(name): no answer")
            } else {
                self.init(state: .unreachable, elapsed: elapsed, detail: name)
            }
        }
    }

    /// The connect completed and the peer then reset it (ECONNRESET, no ICMP): the port is served, and a
    /// protocol on top (TLS) was cut off rather than never reached.
    var isResetAfterAccept: Bool {
        state == .unreachable && offender == nil && detail == TCPConnect.errnoName(ECONNRESET)
    }

    init(state: TCPConnectState, elapsed: Duration?, detail: String, offender: String? = nil) {
        self.state = state
        self.elapsed = elapsed
        self.detail = detail
        self.offender = offender
    }
}
