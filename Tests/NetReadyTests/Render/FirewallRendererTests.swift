import Testing

@testable import NetReady

/// CSV fields of the firewall change request survive spreadsheets: quoted per RFC 4180, and a value that
/// would run as a formula is defused.
@Suite struct FirewallRendererTests {
    @Test func fieldsAreQuotedAndFormulasDefused() {
        #expect(FirewallRenderer.field("plain") == "plain")
        #expect(FirewallRenderer.field("Dialer, EU") == "\"Dialer, EU\"")
        #expect(FirewallRenderer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(FirewallRenderer.field("two\nlines") == "\"two\nlines\"")
        #expect(FirewallRenderer.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(FirewallRenderer.field("@SUM(A1)") == "'@SUM(A1)")
    }

    @Test func addressesLoseTheirPorts() {
        #expect(FirewallRenderer.hostPart("10.0.0.1:443") == "10.0.0.1")
        #expect(FirewallRenderer.hostPart("[fd00::1]:443") == "fd00::1")
        #expect(FirewallRenderer.hostPart("fd00::1") == "fd00::1")
    }
}
