import Testing

@testable import NetReady

/// `--redact`'s pseudonyms: every address form found inside any sentence, the same address always the same
/// name, and things that only look like addresses (times, MACs, versions, hex words) left alone.
@Suite struct PseudonymsTests {
    @Test func everyAddressFormBecomesAStablePseudonym() {
        let names = Pseudonyms(hostNames: ["probe-box.corp.example", "probe-box"])
        #expect(names.redact("10.77.1.2:5060 rewritten to 198.18.0.12:5060") == "addr-1:5060 rewritten to addr-2:5060")
        #expect(names.redact("from 10.77.1.2") == "from addr-1")
        #expect(names.redact("[fd77:ff::2]:443 and fd77:ff::2.") == "[addr-3]:443 and addr-3.")
        #expect(names.redact("stun:198.18.0.2:3478 saw IP:fd77:ff::2") == "stun:addr-4:3478 saw IP:addr-3")
        #expect(names.redact("198.18.0.8/29, ::1 and ::ffff:10.0.0.1") == "addr-5/29, addr-6 and addr-7")
        #expect(names.redact("host probe-box.corp.example (probe-box)") == "host host-1 (host-1)")
    }

    @Test func lookalikesAreLeftAlone() {
        let names = Pseudonyms(hostNames: [])
        for text in [
            "2026-12-02T04:43:42.851Z", "lladdr 02:00:00:00:00:02", "OpenSSL 3.0.15", "version 1.2.3.4.5",
            "sha deadbeef:cafe", "v10.1.2.3", "999.1.1.1", "TLS_AES_256_GCM_SHA384",
        ] {
            #expect(names.redact(text) == text, "\(text)")
        }
    }
}
