import Testing

@testable import NetReadyPosix

@Suite("SystemResolver", .timeLimit(.minutes(3)))
struct SystemResolverTests {
    @Test("localhost resolves to loopback")
    func localhost() async throws {
        let addresses = try await SystemResolver.resolve(host: "localhost", family: nil)
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { $0.isLoopback })
        #expect(addresses.contains(try SocketAddress(ip: "127.0.0.1", port: 0)))
        #expect(Set(addresses).count == addresses.count)
        let v4 = try await SystemResolver.resolve(host: "localhost", family: .inet, port: 8080)
        #expect(v4.allSatisfy { $0.family == .inet && $0.port == 8080 })
    }

    @Test("an IP literal resolves to itself")
    func literal() async throws {
        let addresses = try await SystemResolver.resolve(host: "2001:db8::7", family: nil, port: 53)
        #expect(addresses == [try SocketAddress(ip: "2001:db8::7", port: 53)])
    }

    @Test("an .invalid name throws a ResolveError")
    func invalid() async {
        do {
            let addresses = try await SystemResolver.resolve(host: "nonexistent.invalid", family: nil)
            Issue.record("resolved to \(addresses)")
        } catch {
            #expect(["EAI_NONAME", "EAI_AGAIN", "EAI_NODATA", "EAI_FAIL"].contains(error.name), "\(error)")
            #expect(error.host == "nonexistent.invalid")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("a family with no answers throws")
    func wrongFamily() async {
        await #expect(throws: ResolveError.self) {
            try await SystemResolver.resolve(host: "127.0.0.1", family: .inet6)
        }
    }
}
