import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension LoopbackListener {
    /// Connects to 127.0.0.1:`port` and closes at once: wakes a test server's thread blocked in
    /// accept(2) so it can see it was stopped.
    static func poke(port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        close(fd)
    }
}
