import NetReadyPosix
import NetReadyWire

/// RFC 5780 NAT behaviour discovery against a STUN server that offers OTHER-ADDRESS, over UDP.
///
/// Mapping (section 4.3): one socket asks the primary address (test I), the alternate address on the primary port
/// (test II) and the alternate address and port (test III), and compares the mapped addresses. Filtering (section
/// 4.4) uses a second, fresh socket, so the mapping tests' own traffic to the alternate address cannot open the
/// filter: test I opens a mapping towards the primary address only, test II asks the server to answer from its other
/// address and port (CHANGE-REQUEST change-IP and change-port), test III from its other port only. An answer that
/// does not arrive within the short per-test timeout counts as filtered.
struct NATBehaviourDiscovery: Sendable {
    let server: SocketAddress
    let otherAddress: SocketAddress
    /// Time allowed per test; a filtered test takes all of it.
    let perTestTimeout: Duration
    var source: SocketAddress?
    var interface: String?

    /// What the tests found.
    struct Findings: Sendable {
        var mapping: NATMapping?
        var filtering: NATFiltering?
        /// Mapped address per mapping test, by destination ("198.18.0.3:3478" → "198.18.0.12:40001").
        var mappingTests: [(destination: SocketAddress, mapped: String?)] = []
        /// Whether each filtering test was answered, by what it asked ("change IP and port" → false).
        var filteringTests: [(change: String, answered: Bool)] = []
        /// Why a decision could not be made, when it could not.
        var problems: [String] = []
    }

    /// Runs the mapping tests, then the filtering tests.
    func run() async -> Findings {
        var findings = Findings()
        guard otherAddress.family == server.family, otherAddress.ip != server.ip, otherAddress.port != server.port
        else {
            findings.problems.append(
                "OTHER-ADDRESS \(otherAddress) does not differ from \(server) in both address and port (RFC 5780)")
            return findings
        }
        // Each group of tests gets its own socket: the mapping tests' traffic to the alternate address would open
        // the filter for the filtering tests.
        for tests in [mappingTests, filteringTests] {
            let socket: Socket
            do {
                socket = try STUNDatagramSocket.open(family: server.family, source: source, interface: interface)
            } catch {
                findings.problems.append("could not open a UDP socket: \(error)")
                return findings
            }
            await tests(socket, &findings)
            socket.close()
        }
        return findings
    }

    private func mappingTests(on socket: Socket, into findings: inout Findings) async {
        var mapped: [String?] = []
        for destination in [server, otherAddress.withPort(server.port), otherAddress] {
            let outcome = await STUNDatagramTransaction(
                to: destination, request: STUNBindingAttempt.bindingRequest(), timeout: perTestTimeout
            ).run(on: socket)
            let address = outcome.answer.flatMap { $0.isError ? nil : $0.mappedAddress?.description }
            mapped.append(address)
            findings.mappingTests.append((destination, address))
            if address == nil { findings.problems.append("mapping test to \(destination) got no answer") }
            // Test III is needed only when tests I and II disagree.
            if mapped.count == 2, let first = mapped[0], first == mapped[1] { break }
            if address == nil { break }
        }
        findings.mapping = NATMapping.decide(
            test1: mapped.first ?? nil, test2: mapped.dropFirst().first ?? nil, test3: mapped.dropFirst(2).first ?? nil)
    }

    private func filteringTests(on socket: Socket, into findings: inout Findings) async {
        let opening = await STUNDatagramTransaction(
            to: server, request: STUNBindingAttempt.bindingRequest(), timeout: perTestTimeout
        ).run(on: socket)
        guard opening.answer != nil else {
            findings.problems.append("filtering test I to \(server) got no answer")
            return
        }
        let changedBoth = await changeTest(
            on: socket, changeIP: true, expectedSource: otherAddress, label: "change IP and port", into: &findings)
        var changedPort: Bool?
        if !changedBoth {
            changedPort = await changeTest(
                on: socket, changeIP: false, expectedSource: server.withPort(otherAddress.port), label: "change port",
                into: &findings)
        }
        findings.filtering = NATFiltering.decide(changedAddressAnswered: changedBoth, changedPortAnswered: changedPort)
    }

    /// One CHANGE-REQUEST test: true when the answer came back from the changed address.
    private func changeTest(
        on socket: Socket, changeIP: Bool, expectedSource: SocketAddress, label: String, into findings: inout Findings
    ) async -> Bool {
        let change = STUNMessage.Attribute(
            type: STUNMessage.Attribute.changeRequest,
            value: STUNChangeRequest(changeIP: changeIP, changePort: true).encoded())
        let outcome = await STUNDatagramTransaction(
            to: server, request: STUNBindingAttempt.bindingRequest(attributes: [change]), timeout: perTestTimeout,
            expectedSource: expectedSource
        ).run(on: socket)
        let answered = outcome.answer?.isError == false
        findings.filteringTests.append((label, answered))
        return answered
    }
}
