internal import CNetReadyShims
import Glibc

/// One ancillary-data item of a received message, valid only inside the parsing closure.
struct ControlMessage {
    /// `cmsg_level`, e.g. `SOL_SOCKET` or `IPPROTO_IP`.
    var level: Int32
    /// `cmsg_type`, e.g. `SCM_TIMESTAMPNS` or `IP_RECVERR`.
    var type: Int32
    /// The payload after the header.
    var data: UnsafeRawBufferPointer
}

/// What `recvmsg` returned, handed to the parsing closure while the buffers are still alive.
struct ReceivedMessage {
    var bytes: [UInt8]
    var source: SocketAddress?
    var controlMessages: [ControlMessage]
    var flags: Int32
}

extension Socket {
    /// Calls `recvmsg` with room for `maxBytes` of payload and `controlBytes` of ancillary data, then lets `parse`
    /// read the result before the control buffer is freed.
    func receiveMessage<R>(
        call: String,
        flags: Int32,
        maxBytes: Int,
        controlBytes: Int,
        _ parse: (ReceivedMessage) -> R
    ) throws(IOError) -> IOResult<R> {
        let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: max(maxBytes, 1), alignment: 1)
        defer { payload.deallocate() }
        let control = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(controlBytes, 1),
            alignment: MemoryLayout<cmsghdr>.alignment
        )
        defer { control.deallocate() }
        let name = UnsafeMutablePointer<sockaddr_storage>.allocate(capacity: 1)
        defer { name.deallocate() }
        let vector = UnsafeMutablePointer<iovec>.allocate(capacity: 1)
        defer { vector.deallocate() }
        vector.initialize(to: iovec(iov_base: payload.baseAddress, iov_len: payload.count))
        name.initialize(to: sockaddr_storage())

        var message = msghdr()
        message.msg_name = UnsafeMutableRawPointer(name)
        message.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
        message.msg_iov = vector
        message.msg_iovlen = 1
        message.msg_control = control.baseAddress
        message.msg_controllen = controlBytes > 0 ? control.count : 0

        let result = try withDescriptor(call) { (descriptor) throws(IOError) in
            try Syscall.nonBlocking(call) { recvmsg(descriptor, &message, flags) }
        }
        guard case .processed(let count) = result else {
            return .wouldBlock
        }

        var items: [ControlMessage] = []
        var header = message.msg_controllen > 0 ? CNetReadyShims_CMSG_FIRSTHDR(&message) : nil
        while let current = header {
            let dataStart = UnsafeRawPointer(CNetReadyShims_CMSG_DATA(current))
            let dataLength = Int(current.pointee.cmsg_len) - Int(CNetReadyShims_CMSG_LEN(0))
            if dataLength >= 0 {
                items.append(
                    ControlMessage(
                        level: current.pointee.cmsg_level,
                        type: current.pointee.cmsg_type,
                        data: UnsafeRawBufferPointer(start: dataStart, count: dataLength)
                    )
                )
            }
            header = CNetReadyShims_CMSG_NXTHDR(&message, current)
        }
        let source = name.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            message.msg_namelen > 0 ? SocketAddress($0, length: message.msg_namelen) : nil
        }
        let bytes = Array(UnsafeRawBufferPointer(rebasing: payload.prefix(count)))
        return .processed(
            parse(ReceivedMessage(bytes: bytes, source: source, controlMessages: items, flags: message.msg_flags))
        )
    }
}
