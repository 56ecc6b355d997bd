internal import CNetReadyShims

extension Socket {
    /// The kernel's smoothed round-trip time of a connected TCP socket (`TCP_INFO` `tcpi_rtt`, microsecond
    /// resolution). Read right after the handshake it is the SYN to SYN-ACK time measured by the kernel, free of
    /// the scheduling delay of a user-space wake-up; nil when the kernel has no sample yet.
    public func kernelRoundTripTime() throws(IOError) -> Duration? {
        try withDescriptor("getsockopt(TCP_INFO)") { (descriptor) throws(IOError) in
            var microseconds: UInt32 = 0
            try Syscall.run("getsockopt(TCP_INFO)") { CNetReadyShims_tcpRoundTrip(descriptor, &microseconds) }
            return microseconds == 0 ? nil : .microseconds(Int64(microseconds))
        }
    }
}
