@testable import NetReadyPosix

extension Socket {
    /// A UDP socket bound to 127.0.0.1 on a port the kernel picks.
    static func boundLoopbackUDP() throws -> Socket {
        let socket = try Socket(family: .inet, type: .datagram)
        try socket.bind(to: SocketAddress(ip: "127.0.0.1", port: 0))
        return socket
    }

    /// A UDP socket no datagram can reach: connected to 127.0.0.1:9 (discard), to which nothing is sent, so the
    /// kernel drops what any other test sends to its port (tests that probe a "closed" port they just freed).
    static func quietLoopbackUDP() throws -> Socket {
        let socket = try boundLoopbackUDP()
        _ = try socket.connect(to: SocketAddress(ip: "127.0.0.1", port: 9))
        return socket
    }
}
