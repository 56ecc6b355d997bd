internal import CNetReadyShims
import Glibc

extension Socket {
    /// Asks the kernel to queue ICMP errors on this socket (`IP_RECVERR` or `IPV6_RECVERR`).
    ///
    /// Call before `connect`/`send` so the first error is kept. Besides filling the queue, this makes the kernel
    /// report ICMP "unreachable" errors to TCP connects and UDP sends it would otherwise ignore as transient.
    public func enableErrorQueue() throws(IOError) {
        switch family {
        case .inet:
            try setOption(level: Int32(IPPROTO_IP), name: IP_RECVERR, value: 1, call: "setsockopt(IP_RECVERR)")
        case .inet6:
            try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_RECVERR, value: 1, call: "setsockopt(IPV6_RECVERR)")
        }
    }

    /// Takes the oldest report off the socket's error queue (`recvmsg` with `MSG_ERRQUEUE`); `nil` when it is empty.
    public func readErrorQueue() throws(IOError) -> ICMPErrorReport? {
        let controlBytes =
            CNetReadyShims_CMSG_SPACE(
                MemoryLayout<sock_extended_err>.size + MemoryLayout<sockaddr_in6>.size
            ) * 2
        let result = try receiveMessage(
            call: "recvmsg(MSG_ERRQUEUE)",
            flags: Int32(MSG_ERRQUEUE) | Int32(MSG_DONTWAIT),
            maxBytes: 512,
            controlBytes: Int(controlBytes)
        ) { message -> ICMPErrorReport? in
            for item in message.controlMessages {
                let isV4 = item.level == Int32(IPPROTO_IP) && item.type == IP_RECVERR
                let isV6 = item.level == Int32(IPPROTO_IPV6) && item.type == IPV6_RECVERR
                guard isV4 || isV6, item.data.count >= MemoryLayout<sock_extended_err>.size else {
                    continue
                }
                return Self.report(from: item.data, destination: message.source)
            }
            return nil
        }
        switch result {
        case .processed(let report): return report
        case .wouldBlock: return nil
        }
    }

    /// Reads every queued report, oldest first, emptying the queue.
    public func drainErrorQueue() throws(IOError) -> [ICMPErrorReport] {
        var reports: [ICMPErrorReport] = []
        // Bounded: the kernel caps the queue by the receive buffer, but a flood must not spin forever.
        for _ in 0..<64 {
            guard let report = try readErrorQueue() else {
                break
            }
            reports.append(report)
        }
        return reports
    }

    private static func report(from data: UnsafeRawBufferPointer, destination: SocketAddress?) -> ICMPErrorReport {
        let error = data.loadUnaligned(as: sock_extended_err.self)
        let origin: ICMPErrorReport.Origin
        switch Int32(error.ee_origin) {
        case SO_EE_ORIGIN_ICMP: origin = .icmp
        case SO_EE_ORIGIN_ICMP6: origin = .icmp6
        case SO_EE_ORIGIN_LOCAL: origin = .local
        default: origin = .other(error.ee_origin)
        }
        var offender: String?
        let offenderOffset = MemoryLayout<sock_extended_err>.size
        let available = data.count - offenderOffset
        if available >= MemoryLayout<sockaddr>.size {
            // SO_EE_OFFENDER(ee) is the sockaddr right after the struct; the shim documents that layout.
            let pointer = data.baseAddress!.assumingMemoryBound(to: sock_extended_err.self)
            let sockaddrPointer = CNetReadyShims_SO_EE_OFFENDER(pointer)
            if Int32(sockaddrPointer.pointee.sa_family) != AF_UNSPEC {
                offender = SocketAddress(sockaddrPointer, length: socklen_t(available))?.ip
            }
        }
        return ICMPErrorReport(
            origin: origin,
            type: error.ee_type,
            code: error.ee_code,
            errnoCode: Int32(bitPattern: error.ee_errno),
            info: error.ee_info,
            offender: offender,
            destination: destination
        )
    }
}
