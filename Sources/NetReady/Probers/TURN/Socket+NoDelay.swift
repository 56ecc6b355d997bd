import Glibc
import NetReadyPosix

extension Socket {
    /// Turns off Nagle's algorithm (`TCP_NODELAY`) on a TCP socket, so small writes leave at once; a failure leaves
    /// the socket as it was (the writes still arrive, only later).
    func disableNagle() {
        var on: Int32 = 1
        _ = setsockopt(fileDescriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }
}
