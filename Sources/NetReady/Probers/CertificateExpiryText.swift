import Foundation

/// Reads the expiry dates libcurl reports for a certificate (OpenSSL's `ASN1_TIME_print` form, such
/// as `Jan  5 12:00:00 2027 GMT`), for the 14-day expiry warning of https:// probes.
enum CertificateExpiryText {
    /// The date in `text`, or nil when it is not in that form.
    static func date(_ text: String) -> Date? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return formatter.date(from: words)
    }

    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "MMM d HH:mm:ss yyyy zzz"
        return formatter
    }()
}
