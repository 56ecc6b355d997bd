import Glibc

/// One non-blocking TCP connect with a deadline, classified for the TCP prober.
public enum TCPConnect {
    /// Connect errors that describe the path or the peer rather than this machine.
    private static let pathErrors: Set<Int32> = [
        ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ETIMEDOUT, ECONNRESET, EHOSTDOWN, ENETDOWN, EACCES, EPERM,
        EPROTO, ENOPROTOOPT,
    ]

    /// Connects to `destination` and closes the socket again.
    ///
    /// The error queue is enabled before `connect`, so after an ICMP-caused failure the ICMP type, code and offender
    /// are read from it. The time is measured with `ContinuousClock` from just before `connect()` to readiness.
    /// - Parameters:
    ///   - destination: address and port to connect to.
    ///   - source: optional local address (and port) to bind first.
    ///   - interface: optional interface name for `SO_BINDTODEVICE`.
    ///   - timeout: how long to wait for the handshake.
    ///   - timeToLive: the SYN's IP TTL (IPv6 hop limit) for a path trace; nil keeps the system default.
    public static func attempt(
        to destination: SocketAddress,
        source: SocketAddress? = nil,
        interface: String? = nil,
        timeout: Duration,
        timeToLive: Int? = nil
    ) async -> TCPConnectResult {
        await attemptMeasuringRoundTrip(
            to: destination, source: source, interface: interface, timeout: timeout, timeToLive: timeToLive
        ).result
    }

    /// Connects to `destination` like ``attempt(to:source:interface:timeout:timeToLive:)`` and, when it connects,
    /// also reads the kernel's measure of the handshake's round trip (``Socket/kernelRoundTripTime()``) before
    /// closing; the result's `elapsed` stays the wall-clock time.
    public static func attemptMeasuringRoundTrip(
        to destination: SocketAddress,
        source: SocketAddress? = nil,
        interface: String? = nil,
        timeout: Duration,
        timeToLive: Int? = nil
    ) async -> (result: TCPConnectResult, kernelRoundTrip: Duration?) {
        let (result, socket) = await open(
            to: destination, source: source, interface: interface, timeout: timeout, timeToLive: timeToLive)
        let roundTrip = (try? socket?.kernelRoundTripTime()) ?? nil
        socket?.close()
        return (result, roundTrip)
    }

    /// Connects to `destination` like ``attempt(to:source:interface:timeout:)``, but hands over the connected socket.
    ///
    /// - Returns: the classified outcome and, only when it is ``TCPConnectResult/connected(elapsed:)``, the open
    ///   non-blocking socket, which the caller now owns and must close.
    public static func open(
        to destination: SocketAddress,
        source: SocketAddress? = nil,
        interface: String? = nil,
        timeout: Duration,
        timeToLive: Int? = nil
    ) async -> (result: TCPConnectResult, socket: Socket?) {
        let socket: Socket
        do {
            socket = try Socket(family: destination.family, type: .stream)
        } catch {
            return (.localError(error), nil)
        }
        let result = await connect(
            socket, to: destination, source: source, interface: interface, timeout: timeout, timeToLive: timeToLive)
        guard case .connected = result else {
            socket.close()
            return (result, nil)
        }
        return (result, socket)
    }

    private static func connect(
        _ socket: Socket,
        to destination: SocketAddress,
        source: SocketAddress?,
        interface: String?,
        timeout: Duration,
        timeToLive: Int?
    ) async -> TCPConnectResult {
        do {
            try socket.enableErrorQueue()
            if let timeToLive {
                try socket.setTimeToLive(timeToLive)
            }
            if let interface {
                try socket.bind(toInterface: interface)
            }
            if let source {
                try socket.bind(to: source)
            }
        } catch {
            return .localError(error)
        }

        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: timeout)
        do {
            if try socket.connect(to: destination) == .connected {
                return .connected(elapsed: clock.now - start)
            }
        } catch {
            let elapsed = clock.now - start
            guard pathErrors.contains(error.errnoCode) else {
                return .localError(error)
            }
            return .failed(errnoCode: error.errnoCode, icmp: lastReport(socket), elapsed: elapsed)
        }

        while true {
            let readiness = await socket.waitWritable(timeout: deadline - clock.now)
            let elapsed = clock.now - start
            switch readiness {
            case .timedOut:
                return .timedOut(elapsed: elapsed)
            case .cancelled:
                return .localError(IOError(errnoCode: ECANCELED, call: "wait"))
            case .ready:
                break
            }
            // A queued ICMP error alone wakes the wait (EPOLLERR) while the socket may still be in SYN_SENT: that
            // happens when the ICMP arrived while connect() held the socket lock (always so on loopback, where the
            // REJECT runs inside connect's own transmit), and the kernel recorded only a "soft" error that SO_ERROR
            // returns. So: take the pending error, drain the queue, and call it connected only when getpeername agrees.
            let pending: Int32
            do {
                pending = try socket.pendingError()
            } catch {
                return .localError(error)
            }
            let icmp = lastReport(socket)
            if pending != 0 {
                return .failed(errnoCode: pending, icmp: icmp, elapsed: elapsed)
            }
            if let icmp, icmp.errnoCode != 0 {
                return .failed(errnoCode: icmp.errnoCode, icmp: icmp, elapsed: elapsed)
            }
            if (try? socket.remoteAddress()) != nil {
                return .connected(elapsed: elapsed)
            }
            if clock.now >= deadline {
                return .timedOut(elapsed: clock.now - start)
            }
        }
    }

    /// The symbolic name of an `errno` value: `"ECONNREFUSED"`.
    public static func errnoName(_ code: Int32) -> String {
        IOError.name(ofErrno: code)
    }

    /// The most recent report on the error queue, which is drained.
    private static func lastReport(_ socket: Socket) -> ICMPErrorReport? {
        (try? socket.drainErrorQueue())?.last
    }
}
