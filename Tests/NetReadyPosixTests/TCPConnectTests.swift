import Glibc
import NetReadyTestSupport
import Testing

@testable import NetReadyPosix

@Suite("TCPConnect", .timeLimit(.minutes(3)))
struct TCPConnectTests {
    @Test("a loopback listener answers: connected", arguments: [AddressFamily.inet, .inet6])
    func connected(family: AddressFamily) async throws {
        let (listener, address) = try TestSupport.listener(family: family)
        defer { listener.close() }
        let result = await TCPConnect.attempt(to: address, timeout: .seconds(30))
        guard case .connected(let elapsed) = result else {
            Issue.record("expected connected, got \(result)")
            return
        }
        // Measured, and from the connect (not the deadline): far inside the 30 s timeout, whatever the load.
        #expect(elapsed < TimeBound.beforeTimeout(.seconds(30)))
        #expect(await listener.waitReadable(timeout: .seconds(1)) == .ready)
        if case .processed(let accepted) = try listener.accept() {
            accepted.close()
        }
    }

    @Test("a closed loopback port: failed ECONNREFUSED without ICMP", arguments: [AddressFamily.inet, .inet6])
    func refused(family: AddressFamily) async throws {
        let address = try TestSupport.closedPort(family: family)
        let result = await TCPConnect.attempt(to: address, timeout: .seconds(30))
        guard case .failed(let code, let icmp, let elapsed) = result else {
            Issue.record("expected failed, got \(result)")
            return
        }
        #expect(code == ECONNREFUSED)
        #expect(icmp == nil)
        // The refusal ended the connect, not the 30 s deadline.
        #expect(elapsed < TimeBound.beforeTimeout(.seconds(30)))
    }

    @Test("a bound source address is used; a foreign one is a local error")
    func sourceAddress() async throws {
        let (listener, address) = try TestSupport.listener()
        defer { listener.close() }
        let source = try SocketAddress(ip: "127.0.0.2", port: 0)
        guard case .connected = await TCPConnect.attempt(to: address, source: source, timeout: .seconds(2)) else {
            Issue.record("connect from 127.0.0.2 failed")
            return
        }
        #expect(await listener.waitReadable(timeout: .seconds(1)) == .ready)
        if case .processed(let accepted) = try listener.accept() {
            #expect(try accepted.remoteAddress().ip == "127.0.0.2")
            accepted.close()
        }
        let foreign = try SocketAddress(ip: "192.0.2.123", port: 0)
        let result = await TCPConnect.attempt(to: address, source: foreign, timeout: .seconds(1))
        #expect(result == .localError(IOError(errnoCode: EADDRNOTAVAIL, call: "bind")))
    }

    @Test("bound to the loopback interface by name", .enabled(if: getuid() == 0, "SO_BINDTODEVICE needs root"))
    func interface() async throws {
        let (listener, address) = try TestSupport.listener()
        defer { listener.close() }
        guard case .connected = await TCPConnect.attempt(to: address, interface: "lo", timeout: .seconds(2)) else {
            Issue.record("connect bound to lo failed")
            return
        }
        let result = await TCPConnect.attempt(to: address, interface: "nosuchif0", timeout: .seconds(1))
        #expect(result == .localError(IOError(errnoCode: ENODEV, call: "setsockopt(SO_BINDTODEVICE)")))
    }

    @Test(
        "a silently dropped SYN times out within timeout + 100 ms",
        .enabled(if: TestSupport.canUseIptables, "needs root and iptables to add a DROP rule on lo")
    )
    func dropped() async throws {
        let (listener, address) = try TestSupport.listener()
        defer { listener.close() }
        let rule = try TestSupport.FirewallRule(
            ["INPUT", "-i", "lo", "-p", "tcp", "--dport", "\(address.port)", "-j", "DROP"]
        )
        let result = await TCPConnect.attempt(to: address, timeout: .milliseconds(700))
        _ = consume rule
        guard case .timedOut(let elapsed) = result else {
            Issue.record("expected timedOut, got \(result)")
            return
        }
        #expect(elapsed >= .milliseconds(700))
        // A deadline, not the kernel's SYN retries (over two minutes); margin for a loaded machine.
        #expect(elapsed < TimeBound.notHung(after: .milliseconds(700)), "took \(elapsed)")
    }

    @Test(
        "REJECT icmp-admin-prohibited on lo: failed EHOSTUNREACH with ICMP 3/13 from 127.0.0.1",
        .enabled(if: TestSupport.canUseIptables, "needs root and iptables to add a REJECT rule on lo")
    )
    func adminProhibited() async throws {
        let (listener, address) = try TestSupport.listener()
        defer { listener.close() }
        let rule = try TestSupport.FirewallRule(
            [
                "OUTPUT", "-o", "lo", "-p", "tcp", "--dport", "\(address.port)",
                "-j", "REJECT", "--reject-with", "icmp-admin-prohibited",
            ]
        )
        let result = await TCPConnect.attempt(to: address, timeout: .seconds(30))
        _ = consume rule
        guard case .failed(let code, let icmp, let elapsed) = result else {
            Issue.record("expected failed, got \(result)")
            return
        }
        #expect(code == EHOSTUNREACH)
        let report = try #require(icmp)
        #expect(report.origin == .icmp)
        #expect(report.type == 3)
        #expect(report.code == 13)
        #expect(report.offender == "127.0.0.1")
        #expect(report.errnoCode == EHOSTUNREACH)
        #expect(report.isAdministrativelyProhibited)
        // The ICMP error ended the connect, not the 30 s deadline (the report above proves it was the
        // ICMP); under load the wake-up can come as late as the first SYN retry (1 s) and later.
        #expect(elapsed < TimeBound.beforeTimeout(.seconds(30)), "took \(elapsed)")
    }

    @Test(
        "REJECT adm-prohibited on ::1: failed with ICMPv6 1/1 from ::1",
        .enabled(if: TestSupport.canUseIp6tables, "needs root and ip6tables to add a REJECT rule on lo")
    )
    func adminProhibitedV6() async throws {
        let (listener, address) = try TestSupport.listener(family: .inet6)
        defer { listener.close() }
        let rule = try TestSupport.FirewallRule(
            binary: "/usr/sbin/ip6tables",
            [
                "OUTPUT", "-o", "lo", "-p", "tcp", "--dport", "\(address.port)",
                "-j", "REJECT", "--reject-with", "adm-prohibited",
            ]
        )
        let result = await TCPConnect.attempt(to: address, timeout: .seconds(30))
        _ = consume rule
        guard case .failed(let code, let icmp, _) = result else {
            Issue.record("expected failed, got \(result)")
            return
        }
        let report = try #require(icmp)
        #expect(code == report.errnoCode)
        #expect(report.origin == .icmp6)
        #expect(report.type == 1)
        #expect(report.code == 1)
        #expect(report.offender == "::1")
        #expect(report.isAdministrativelyProhibited)
    }

    @Test(
        "REJECT icmp-host-unreachable: failed EHOSTUNREACH, not administratively prohibited",
        .enabled(if: TestSupport.canUseIptables, "needs root and iptables to add a REJECT rule on lo")
    )
    func hostUnreachable() async throws {
        let (listener, address) = try TestSupport.listener()
        defer { listener.close() }
        let rule = try TestSupport.FirewallRule(
            [
                "OUTPUT", "-o", "lo", "-p", "tcp", "--dport", "\(address.port)",
                "-j", "REJECT", "--reject-with", "icmp-host-unreachable",
            ]
        )
        let result = await TCPConnect.attempt(to: address, timeout: .seconds(30))
        _ = consume rule
        guard case .failed(let code, let icmp, _) = result else {
            Issue.record("expected failed, got \(result)")
            return
        }
        #expect(code == EHOSTUNREACH)
        let report = try #require(icmp)
        #expect(report.type == 3)
        #expect(report.code == 1)
        #expect(!report.isAdministrativelyProhibited)
    }

    @Test(
        "cancelling the task ends a hanging connect as a local ECANCELED",
        .enabled(if: TestSupport.canUseIptables, "needs root and iptables to add a DROP rule on lo"))
    func cancelled() async throws {
        let (listener, address) = try TestSupport.listener()
        defer { listener.close() }
        let rule = try TestSupport.FirewallRule(
            ["INPUT", "-i", "lo", "-p", "tcp", "--dport", "\(address.port)", "-j", "DROP"]
        )
        let task = Task { await TCPConnect.attempt(to: address, timeout: .seconds(30)) }
        // Not synchronisation: cancelled before or during the wait, the attempt ends ECANCELED from
        // "wait" either way (a wait in a cancelled task returns at once); the pause makes "during" usual.
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.value
        _ = consume rule
        #expect(result == .localError(IOError(errnoCode: ECANCELED, call: "wait")))
    }
}
