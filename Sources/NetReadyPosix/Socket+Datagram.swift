import Glibc

/// One received datagram.
public struct Datagram: Sendable {
    /// The payload.
    public var bytes: [UInt8]
    /// The sender.
    public var from: SocketAddress
    /// When the kernel received it (`SO_TIMESTAMPNS`), mapped onto `ContinuousClock` so it can be subtracted from a
    /// send time taken with `ContinuousClock.now`; `nil` when timestamps are off.
    public var kernelTimestamp: ContinuousClock.Instant?
    /// The raw kernel stamp: wall-clock time since the Unix epoch (`CLOCK_REALTIME`).
    public var kernelWallClock: Duration?
    /// The TOS / traffic class byte it arrived with (DSCP << 2 | ECN), when enabled
    /// (``Socket/enableReceiveTrafficClass()``).
    public var trafficClass: UInt8?
}

extension Socket {
    /// Enables kernel receive timestamps (`SO_TIMESTAMPNS`); do it when the socket opens, before traffic arrives.
    public func setReceiveTimestamps() throws(IOError) {
        try setOption(level: SOL_SOCKET, name: SO_TIMESTAMPNS, value: 1, call: "setsockopt(SO_TIMESTAMPNS)")
    }

    /// Receives one datagram (`recvmsg`), with its kernel timestamp if enabled.
    ///
    /// - Returns: the datagram, or ``IOResult/wouldBlock`` when none is queued (wait with
    ///   ``waitReadable(timeout:)``). A datagram longer than `maxBytes` is truncated.
    public func receive(maxBytes: Int) throws(IOError) -> IOResult<Datagram> {
        let result = try receiveMessage(
            call: "recvmsg",
            flags: 0,
            maxBytes: maxBytes,
            controlBytes: 256
        ) { message -> (bytes: [UInt8], from: SocketAddress?, stamp: timespec?, trafficClass: UInt8?) in
            var stamp: timespec?
            var trafficClass: UInt8?
            for item in message.controlMessages {
                if item.level == SOL_SOCKET && item.type == SCM_TIMESTAMPNS
                    && item.data.count >= MemoryLayout<timespec>.size
                {
                    stamp = item.data.loadUnaligned(as: timespec.self)
                }
                trafficClass = trafficClass ?? Self.trafficClass(level: item.level, type: item.type, data: item.data)
            }
            return (message.bytes, message.source, stamp, trafficClass)
        }
        guard case .processed(let received) = result else {
            return .wouldBlock
        }
        guard let from = received.from else {
            // A connected socket always fills in the peer; anything else is a family this type does not model.
            throw IOError(errnoCode: EAFNOSUPPORT, call: "recvmsg")
        }
        var datagram = Datagram(
            bytes: received.bytes, from: from, kernelTimestamp: nil, kernelWallClock: nil,
            trafficClass: received.trafficClass)
        if let stamp = received.stamp {
            let wallClock = Duration.seconds(stamp.tv_sec) + .nanoseconds(stamp.tv_nsec)
            datagram.kernelWallClock = wallClock
            datagram.kernelTimestamp = Self.continuousInstant(forWallClock: wallClock)
        }
        return .processed(datagram)
    }

    /// Maps a `CLOCK_REALTIME` stamp onto `ContinuousClock` by measuring how long ago it was.
    static func continuousInstant(forWallClock wallClock: Duration) -> ContinuousClock.Instant {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let continuousNow = ContinuousClock.now
        let age = Duration.seconds(now.tv_sec) + .nanoseconds(now.tv_nsec) - wallClock
        return continuousNow.advanced(by: .zero - age)
    }
}
