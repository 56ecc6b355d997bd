/// RFC 8489 section 6.2.1 retransmission timing for one request over UDP: the request is sent at 0, RTO, 3 RTO,
/// 7 RTO... (the interval doubles), `Rc` times in all, and the client gives up `Rm` × RTO after the last send
/// (39.5 s with the defaults). A probe never waits past its own timeout, so most of this schedule is cut short.
struct STUNRetransmission: Sendable, Equatable {
    /// The first retransmission timeout (RTO), 500 ms by default.
    var initialRTO: Duration = .milliseconds(500)
    /// Rc: transmissions in all, 7 by default.
    var maxTransmissions = 7
    /// Rm: how many RTOs to wait after the last transmission, 16 by default.
    var finalWaitMultiplier = 16

    /// Offsets from the first transmission at which the request is (re)sent.
    var sendOffsets: [Duration] {
        (0..<max(1, maxTransmissions)).map { initialRTO * ((1 << $0) - 1) }
    }

    /// When the client gives up without an answer, counted from the first transmission.
    var giveUpOffset: Duration {
        (sendOffsets.last ?? .zero) + initialRTO * finalWaitMultiplier
    }

    /// The send offsets that fall before `timeout`, and the moment to give up: the schedule cut at the timeout.
    func schedule(within timeout: Duration) -> (sends: [Duration], giveUp: Duration) {
        let giveUp = min(timeout, giveUpOffset)
        return (sendOffsets.filter { $0 < giveUp }, giveUp)
    }
}
