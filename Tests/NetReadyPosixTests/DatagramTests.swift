import Glibc
import Testing

@testable import NetReadyPosix

@Suite("Datagrams and the error queue", .timeLimit(.minutes(3)))
struct DatagramTests {
    @Test("kernel receive timestamps fall between send and receive")
    func timestamps() async throws {
        let socket = try Socket(family: .inet, type: .datagram)
        defer { socket.close() }
        try socket.setReceiveTimestamps()
        try socket.bind(to: SocketAddress(ip: "127.0.0.1", port: 0))
        let sent = ContinuousClock.now
        _ = try socket.send(Array("ping".utf8), to: socket.localAddress())
        #expect(await socket.waitReadable(timeout: .seconds(1)) == .ready)
        guard case .processed(let datagram) = try socket.receive(maxBytes: 1500) else {
            Issue.record("nothing received")
            return
        }
        let received = ContinuousClock.now
        let stamp = try #require(datagram.kernelTimestamp)
        #expect(datagram.kernelWallClock != nil)
        // The wall-clock to monotonic mapping has a few microseconds of slack.
        #expect(stamp >= sent.advanced(by: .milliseconds(-1)))
        #expect(stamp <= received.advanced(by: .milliseconds(1)))
    }

    @Test("without timestamps enabled, there are none")
    func noTimestamps() async throws {
        let socket = try Socket(family: .inet6, type: .datagram)
        defer { socket.close() }
        try socket.bind(to: SocketAddress(ip: "::1", port: 0))
        _ = try socket.send([42], to: socket.localAddress())
        #expect(await socket.waitReadable(timeout: .seconds(1)) == .ready)
        guard case .processed(let datagram) = try socket.receive(maxBytes: 1500) else {
            Issue.record("nothing received")
            return
        }
        #expect(datagram.kernelTimestamp == nil)
        #expect(datagram.from.ip == "::1")
    }

    @Test(
        "a UDP send to a closed loopback port queues ICMP port-unreachable with its offender",
        arguments: [
            (AddressFamily.inet, "127.0.0.1", UInt8(3), UInt8(3), ICMPErrorReport.Origin.icmp),
            (.inet6, "::1", 1, 4, .icmp6),
        ]
    )
    func portUnreachable(
        family: AddressFamily,
        loopback: String,
        type: UInt8,
        code: UInt8,
        origin: ICMPErrorReport.Origin
    ) async throws {
        let closed = try Socket(family: family, type: .datagram)
        try closed.bind(to: SocketAddress(ip: loopback, port: 0))
        let destination = try closed.localAddress()
        closed.close()

        let socket = try Socket(family: family, type: .datagram)
        defer { socket.close() }
        try socket.enableErrorQueue()
        #expect(try socket.readErrorQueue() == nil)
        _ = try socket.send([1], to: destination)
        // A queued error raises POLLERR, which wakes a readable wait too.
        #expect(await socket.waitReadable(timeout: .seconds(1)) == .ready)
        let report = try #require(try socket.readErrorQueue())
        #expect(report.origin == origin)
        #expect(report.type == type)
        #expect(report.code == code)
        #expect(report.errnoCode == ECONNREFUSED)
        #expect(report.offender == loopback)
        #expect(!report.isAdministrativelyProhibited)
        #expect(try socket.readErrorQueue() == nil)
    }

    @Test("administratively prohibited codes")
    func adminCodes() {
        func report(_ origin: ICMPErrorReport.Origin, _ type: UInt8, _ code: UInt8) -> ICMPErrorReport {
            ICMPErrorReport(origin: origin, type: type, code: code, errnoCode: EHOSTUNREACH, offender: nil)
        }
        for code: UInt8 in [9, 10, 13] {
            #expect(report(.icmp, 3, code).isAdministrativelyProhibited)
        }
        for code: UInt8 in [1, 5, 6] {
            #expect(report(.icmp6, 1, code).isAdministrativelyProhibited)
        }
        #expect(!report(.icmp, 3, 1).isAdministrativelyProhibited)
        #expect(!report(.icmp6, 3, 13).isAdministrativelyProhibited)
        #expect(!report(.local, 3, 13).isAdministrativelyProhibited)
        #expect(report(.icmp, 3, 13).description == "icmp type 3 code 13 (EHOSTUNREACH)")
    }

    @Test("one ICMP classification: time exceeded, prohibited, closed port or rejected on its behalf, unreachable")
    func classification() {
        func report(
            _ origin: ICMPErrorReport.Origin, _ type: UInt8, _ code: UInt8, from offender: String? = "10.0.0.1"
        ) -> ICMPErrorReport {
            ICMPErrorReport(origin: origin, type: type, code: code, errnoCode: EHOSTUNREACH, offender: offender)
        }
        #expect(report(.icmp, 11, 0).classification(destination: "10.0.0.9") == .timeExceeded)
        #expect(report(.icmp6, 3, 0).classification(destination: "fd00::9") == .timeExceeded)
        #expect(report(.icmp, 3, 13).classification(destination: "10.0.0.9") == .prohibited)
        #expect(report(.icmp6, 1, 1).classification(destination: "fd00::9") == .prohibited)
        // Port unreachable: from the destination itself the path is open; from a router it is a rejection.
        #expect(report(.icmp, 3, 3).classification(destination: "10.0.0.1") == .closedPort)
        #expect(report(.icmp, 3, 3).classification(destination: "10.0.0.9") == .rejectedOnBehalf)
        #expect(report(.icmp6, 1, 4, from: "fd00::9").classification(destination: "fd00::9") == .closedPort)
        #expect(report(.icmp, 3, 3).classification(destination: nil) == .closedPort)
        #expect(report(.icmp, 3, 1).classification(destination: "10.0.0.9") == .unreachable)
        #expect(report(.local, 3, 13).classification(destination: "10.0.0.9") == .local)
        #expect(report(.other(4), 11, 0).classification(destination: nil) == .local)
    }

    @Test("TTL and hop limit can be set, and the kernel keeps them")
    func timeToLive() throws {
        let options = [
            (AddressFamily.inet, Int32(IPPROTO_IP), IP_TTL), (.inet6, Int32(IPPROTO_IPV6), IPV6_UNICAST_HOPS),
        ]
        for (family, level, name) in options {
            let socket = try Socket(family: family, type: .datagram)
            defer { socket.close() }
            let before = try socket.option(level: level, name: name, call: "getsockopt")
            try socket.setTimeToLive(3)
            #expect(try socket.option(level: level, name: name, call: "getsockopt") == 3, "\(family)")
            try socket.setTimeToLive(200)
            #expect(try socket.option(level: level, name: name, call: "getsockopt") == 200, "\(family)")
            #expect(before != 3, "the default is not what the test sets")
        }
    }
}
