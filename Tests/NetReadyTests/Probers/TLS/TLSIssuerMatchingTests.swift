import Testing

@testable import NetReady

/// Issuer names against known inspection products and a probe's `issuer:` patterns.
@Suite(.timeLimit(.minutes(3))) struct TLSIssuerMatchingTests {
    @Test(arguments: [
        ("CN=Zscaler Intermediate Root CA (zscaler.net),O=Zscaler Inc.", "Zscaler"),
        ("O=Fortinet,CN=FortiGate CA", "Fortinet FortiGate"),
        ("O=Lab Secure Web Gateway,CN=Lab Inspection Proxy CA", "a secure web gateway"),
        ("CN=Cisco Umbrella Primary SubCA,O=Cisco", "Cisco Umbrella"),
    ])
    func knownProductsAreNamed(_ issuer: String, _ product: String) {
        #expect(InspectionProducts.match([issuer])?.product == product)
    }

    @Test func ordinaryCAsAreNotProducts() {
        #expect(InspectionProducts.match(["O=DigiCert Inc,CN=DigiCert Global G2", "CN=R11,O=Let's Encrypt"]) == nil)
    }

    @Test func patternsAreCaseInsensitiveSubstringsOrGlobs() {
        #expect(IssuerPatterns(patterns: []).accept(["anything"]))
        #expect(IssuerPatterns(patterns: ["digicert"]).accept(["O=DigiCert Inc,CN=DigiCert Global G2"]))
        #expect(IssuerPatterns(patterns: ["O=DigiCert*"]).accept(["O=DigiCert Inc,CN=DigiCert Global G2"]))
        #expect(!IssuerPatterns(patterns: ["CN=DigiCert*"]).accept(["O=DigiCert Inc,CN=DigiCert Global G2"]))
        #expect(!IssuerPatterns(patterns: ["Let's Encrypt"]).accept(["O=NetReady Lab,CN=NetReady Lab Root CA"]))
        #expect(IssuerPatterns(patterns: ["a.b"]).accept(["xa.by"]))
        #expect(!IssuerPatterns(patterns: ["a.b"]).accept(["axb"]))
    }
}
