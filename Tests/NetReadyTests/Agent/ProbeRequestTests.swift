import NetReadyServe
import Testing

/// `/probe?target=`: a loaded name is probed; any destination-shaped value is refused, even one
/// that a name-shaped check would let through; other unknown words are 404 material.
@Suite(.timeLimit(.minutes(3))) struct ProbeRequestTests {
    static let names: Set<String> = ["office-voice", "tcp://127.0.0.1:443", "CRM"]

    @Test func loadedNamesAreProbedEvenWhenTheyLookLikeURIs() {
        #expect(ProbeRequest(values: ["office-voice"], names: Self.names) == .target("office-voice"))
        // A target given as a URI on the command line is named by it; it is loaded, so it may run.
        #expect(ProbeRequest(values: ["tcp://127.0.0.1:443"], names: Self.names) == .target("tcp://127.0.0.1:443"))
        #expect(ProbeRequest(values: ["crm"], names: Self.names) == .unknown("crm"))
    }

    @Test(arguments: [
        "tcp://127.0.0.1:22", "http://10.0.0.1/", "//evil", "10.0.0.1", "10.0.0.1:22", "[::1]:22", "fe80::1",
        "intranet.example.com", "user@host", "a/b", "office-voice\r\nX: 1", String(repeating: "a", count: 300),
    ])
    func destinationsAreRefused(value: String) {
        guard case .refused = ProbeRequest(values: [value], names: Self.names) else {
            Issue.record("\(value.debugDescription) was not refused")
            return
        }
    }

    @Test func noValueOrSeveralAreRefused() {
        #expect(ProbeRequest(values: [], names: Self.names) == .refused(why: "no target= given"))
        #expect(ProbeRequest(values: [""], names: Self.names) == .refused(why: "no target= given"))
        #expect(
            ProbeRequest(values: ["office-voice", "CRM"], names: Self.names)
                == .refused(why: "target= given 2 times"))
    }
}
