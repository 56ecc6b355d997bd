import Foundation
import Testing

@testable import NetReady

/// The expiry dates libcurl reports (OpenSSL's ASN1_TIME_print form).
@Suite(.timeLimit(.minutes(3))) struct CertificateExpiryTextTests {
    @Test func readsOpenSSLDates() throws {
        let date = try #require(CertificateExpiryText.date("Jan  5 12:00:00 2027 GMT"))
        #expect(RFC3339.string(from: date).hasPrefix("2027-01-05T12:00:00"))
        #expect(CertificateExpiryText.date("Dec 31 23:59:59 2030 GMT") != nil)
    }

    @Test func otherTextIsNil() {
        #expect(CertificateExpiryText.date("") == nil)
        #expect(CertificateExpiryText.date("2027-01-05") == nil)
    }
}

extension CertificateExpiryTextTests {
    @Test func impossibleDatesAreNil() {
        #expect(CertificateExpiryText.date("Feb 30 12:00:00 2027 GMT") == nil)
        #expect(CertificateExpiryText.date("Jan  5 25:00:00 2027 GMT") == nil)
        #expect(CertificateExpiryText.date("Jan  5 12:00:00 2027 PST") == nil)
    }
}
