/// An ICMP error (or a local error) the kernel queued for a socket with `IP_RECVERR` / `IPV6_RECVERR`.
///
/// It names who refused the packet and how: the way to tell "administratively prohibited by 10.0.0.1"
/// from "host unreachable".
public struct ICMPErrorReport: Sendable, Equatable, CustomStringConvertible {
    /// Where the error came from (`ee_origin`).
    public enum Origin: Sendable, Equatable {
        /// An ICMPv4 message from the network.
        case icmp
        /// An ICMPv6 message from the network.
        case icmp6
        /// Raised by the local stack (e.g. `EMSGSIZE` for a packet above the path MTU).
        case local
        /// Any other `SO_EE_ORIGIN_*` value (timestamping, zero-copy...).
        case other(UInt8)
    }

    /// Where the error came from.
    public let origin: Origin
    /// The ICMP type (3 "destination unreachable" for ICMPv4, 1 for ICMPv6).
    public let type: UInt8
    /// The ICMP code (13 "communication administratively prohibited" for ICMPv4 type 3).
    public let code: UInt8
    /// The `errno` the kernel derived from it (`ee_errno`), e.g. `EHOSTUNREACH`.
    public let errnoCode: Int32
    /// Extra information (`ee_info`): the next-hop MTU for "fragmentation needed" / "packet too big".
    public let info: UInt32
    /// The address of the host that sent the ICMP message, when the kernel knows it.
    public let offender: String?
    /// Where the packet that caused the error was going (address and port), when the kernel says:
    /// on an unconnected UDP socket this tells which of many destinations the error is about.
    public let destination: SocketAddress?

    /// Creates a report; normally produced by ``Socket/readErrorQueue()``.
    public init(
        origin: Origin, type: UInt8, code: UInt8, errnoCode: Int32, info: UInt32 = 0, offender: String?,
        destination: SocketAddress? = nil
    ) {
        self.origin = origin
        self.type = type
        self.code = code
        self.errnoCode = errnoCode
        self.info = info
        self.offender = offender
        self.destination = destination
    }

    /// `true` for "port unreachable": ICMPv4 type 3 code 3; ICMPv6 type 1 code 4.
    public var isPortUnreachable: Bool {
        switch origin {
        case .icmp: return type == 3 && code == 3
        case .icmp6: return type == 1 && code == 4
        case .local, .other: return false
        }
    }

    /// `true` for "administratively prohibited": ICMPv4 type 3 codes 9, 10, 13; ICMPv6 type 1 codes 1, 5, 6.
    public var isAdministrativelyProhibited: Bool {
        switch origin {
        case .icmp: return type == 3 && [9, 10, 13].contains(code)
        case .icmp6: return type == 1 && [1, 5, 6].contains(code)
        case .local, .other: return false
        }
    }

    /// `"icmp type 3 code 13 from 10.0.0.1 (EHOSTUNREACH)"`.
    public var description: String {
        let source: String
        switch origin {
        case .icmp: source = "icmp"
        case .icmp6: source = "icmp6"
        case .local: source = "local"
        case .other(let value): source = "origin \(value)"
        }
        let from = offender.map { " from \($0)" } ?? ""
        return "\(source) type \(type) code \(code)\(from) (\(IOError.name(ofErrno: errnoCode)))"
    }
}
