import Foundation
import Testing

@testable import NetReadyWire

/// Every input the fuzzer (scripts/fuzz, FUZZING.md) crashed a decoder with, replayed through the code path
/// that crashed, so the fix stays fixed in the normal test suite.
@Suite(.timeLimit(.minutes(3))) struct FuzzRegressionTests {
    /// sip-message, crash-765af966: a response whose `Content-Type:` is empty (compact `c:`) made
    /// `SIPRewriteCheck.echoedRequest` index the empty result of splitting it: netready trapped on such an answer.
    @Test func emptyContentTypeDoesNotTrapTheEchoCheck() throws {
        let bytes = try #require(Data(base64Encoded:
            "U0lQLzIuMCAxMDAgVHJ5aW5nCnY6OWhHNGJLMQpjOgp2OiBTSVAvMi4wL1RDUDxzaXA6dGFnPXgKdDogc2lwOmJAaApSRUdJU1RFUnE6"
                + "IDEgSU5WSVRFCmw6IDAKCg=="))
        let message = try SIPMessage(parsing: Array(bytes))
        #expect(message.header("content-type") == "")
        #expect(SIPRewriteCheck.echoedRequest(in: message) == nil)
    }

    /// sip-stream, crash-15343570: the same empty Content-Type, framed from a stream.
    @Test func emptyContentTypeFromAStreamDoesNotTrap() throws {
        let bytes = try #require(Data(base64Encoded: Self.streamCrash))
        var framer = SIPStreamFramer()
        framer.append(Array(bytes).dropFirst(2))
        var parsed = 0
        while case .some(.some(let message)) = try? framer.nextMessage() {
            if let sip = try? SIPMessage(parsing: message) {
                _ = SIPRewriteCheck.echoedRequest(in: sip)
                parsed += 1
            }
        }
        if framer.hasPartialMessage,
            let sip = try? SIPMessage(parsing: framer.takePartialMessage(), allowingShortBody: true)
        {
            _ = SIPRewriteCheck.echoedRequest(in: sip)
            parsed += 1
        }
        #expect(parsed >= 1)
    }

    static let streamCrash =
        "BxBTSVAvMi4wIDIwMCBPSw1JTlZJVEUsIEFDSywgT1BUS09OUw0KQ29udGVudC1UeXBlOiAKVmlhOiJuZXRyZWFkeSIgPHNpcDpu"
        + "ZXRyZSlkeS4yMTA3QC4wLjE6NDAwMDA+O3RhZz0xOTI4MzAxNzc0DQpDYWxsLUlEOiBhODRgYjRjNzZlNjY3MTFAMTI3LjAuMC4x"
        + "PQpDU2VxOiA2MzEwNCBPUFRJT05TDQpBbGxvdzogSU5WSVRFLCBBQ0ssIE9QVEtPTlMNCkNvbnRlbnQtVHlwZTogbWVzc2FnZS9z"
        + "aXANCkNvdGVuLW50TGVuZ3RoOiA2Mg0KDQpPUFRJT05TIHNpcDp4IFNJUC8yLjANClZpYTogU0lQLzIuMC9VRFAgMTAuMC4wLjE6"
        + "NDAwMDANCkNTZXE6IDEgT1BUSU9OUw0KDQo="
}
