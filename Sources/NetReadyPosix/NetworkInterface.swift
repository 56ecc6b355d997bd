import Glibc

/// A network interface and its IP addresses (`getifaddrs`).
public struct NetworkInterface: Sendable, Codable, Equatable {
    /// The interface name, e.g. `"eth0"`.
    public var name: String
    /// Its IPv4 and IPv6 addresses as text, in the kernel's order.
    public var addresses: [String]
    /// `IFF_UP` is set.
    public var isUp: Bool
    /// `IFF_LOOPBACK` is set.
    public var isLoopback: Bool

    /// Creates an interface description.
    public init(name: String, addresses: [String], isUp: Bool, isLoopback: Bool) {
        self.name = name
        self.addresses = addresses
        self.isUp = isUp
        self.isLoopback = isLoopback
    }

    /// All interfaces, in the order `getifaddrs` lists them, including those without IP addresses.
    public static func all() throws(IOError) -> [NetworkInterface] {
        var list: UnsafeMutablePointer<ifaddrs>?
        try Syscall.run("getifaddrs") { getifaddrs(&list) }
        defer { freeifaddrs(list) }
        var interfaces: [NetworkInterface] = []
        var entry = list
        while let current = entry {
            entry = current.pointee.ifa_next
            let name = String(cString: current.pointee.ifa_name)
            let flags = current.pointee.ifa_flags
            var address: String?
            if let pointer = current.pointee.ifa_addr {
                let length: Int
                switch Int32(pointer.pointee.sa_family) {
                case AF_INET: length = MemoryLayout<sockaddr_in>.size
                case AF_INET6: length = MemoryLayout<sockaddr_in6>.size
                default: length = 0
                }
                if length > 0 {
                    address = SocketAddress(pointer, length: socklen_t(length))?.ip
                }
            }
            if let index = interfaces.firstIndex(where: { $0.name == name }) {
                if let address {
                    interfaces[index].addresses.append(address)
                }
            } else {
                interfaces.append(
                    NetworkInterface(
                        name: name,
                        addresses: address.map { [$0] } ?? [],
                        isUp: flags & UInt32(IFF_UP) != 0,
                        isLoopback: flags & UInt32(IFF_LOOPBACK) != 0
                    )
                )
            }
        }
        return interfaces
    }
}
