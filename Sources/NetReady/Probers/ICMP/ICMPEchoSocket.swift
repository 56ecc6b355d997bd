import NetReadyPosix

#if canImport(Glibc)
import Glibc
#endif

/// An ICMP socket for echo: the unprivileged datagram kind where `net.ipv4.ping_group_range`
/// allows it, else a raw socket (root or `cap_net_raw`), else an error naming both.
struct ICMPEchoSocket {
    let socket: Socket
    /// Raw IPv4 sockets deliver the IP header too, and see every host's echo replies.
    let isRaw: Bool

    /// Why no ICMP socket could be opened: said to the user as an `error` result.
    struct PermissionError: Error, CustomStringConvertible {
        let description: String
    }

    static func open(family: AddressFamily) throws -> ICMPEchoSocket {
        let proto = family == .inet ? Int32(IPPROTO_ICMP) : Int32(IPPROTO_ICMPV6)
        do {
            return ICMPEchoSocket(socket: try Socket(family: family, type: .datagram, protocol: proto), isRaw: false)
        } catch let datagramError {
            do {
                return ICMPEchoSocket(socket: try Socket(family: family, type: .raw, protocol: proto), isRaw: true)
            } catch let rawError {
                throw PermissionError(
                    description: "no ICMP socket: unprivileged ping sockets are not allowed for this group "
                        + "(sysctl net.ipv4.ping_group_range; \(datagramError.shortDescription)) and raw sockets need "
                        + "root or cap_net_raw (\(rawError.shortDescription))")
            }
        }
    }
}
